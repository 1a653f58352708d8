import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AckPolicy, connect, DeliverPolicy, NatsConnection } from 'nats';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CirkelConfig } from '@cirkel/config';
import { SYSTEM_ACTOR } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { DeadLetterService } from '../src/dead-letters/dead-letter.service';
import { consumerName, eventConsumers, patternConsumerName } from '../src/jetstream/event-consumers';
import { ensureStreams } from '../src/streams';
import { Probed, ProbeAuditHandler, ProbeConsumerModule, ProbeContextHandler, ProbeHandler } from './fixtures/probe';
import { probeDeadLetters, probeEffects, publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Issue 6, finding 1, to the end: "adding a handler to a service brings it every retained event of
 * that type" — also when the service already handles that type, or its whole context. Each handler
 * has a consumer and an inbox key of its own; the handlers that existed when handlers got keys
 * inherit what the service had applied under its own name.
 */
const hubId = randomUUID();
let nc: NatsConnection;
let db: Client;
const apps: NestFastifyApplication[] = [];
const namespaces: string[] = [];

function namespace(): CirkelConfig {
  const ns = testNamespace();
  namespaces.push(ns);
  return testConfig('notifications', ns);
}

async function start(config: CirkelConfig, controllers: Parameters<typeof ProbeConsumerModule.forRoot>[2]): Promise<NestFastifyApplication> {
  const app = await createProbeService(ProbeConsumerModule.forRoot(config, {}, controllers), config);
  await app.init();
  apps.push(app);
  return app;
}

const plus = (offset: number, ns: number[]) => ns.map((n) => n + offset);

beforeAll(async () => {
  await ensureTestDatabase();
  nc = await connect({ servers: testConfig('notifications', 'x').nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await nc?.close();
  await db?.end();
  for (const ns of namespaces) await cleanupNamespace(ns);
});

it('brings a handler added later every event the stream keeps, beside a handler of the same type and one of its whole context, and applies nothing twice', async () => {
  const config = namespace();
  await start(config, [ProbeHandler]); // v1
  for (const n of range(0, 5)) await publishProbe(nc, config, hubId, { n });
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(range(0, 5)));

  // v2 beside v1, as in a rolling update: a second handler of partners.probed, and one of partners.>
  await start(config, [ProbeHandler, ProbeAuditHandler, ProbeContextHandler]);
  for (const n of range(5, 10)) await publishProbe(nc, config, hubId, { n });
  const expected = [...range(0, 10), ...plus(2000, range(0, 10)), ...plus(3000, range(0, 10))];
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(expected), { timeoutMs: 20_000 });
  await sleep(500);
  expect(await probeEffects(db, config)).toEqual(expected);
  expect(await probeDeadLetters(db, config)).toEqual([]);

  const s = config.database.schema;
  const registry = (await db.query(`SELECT consumer, inherits_service_inbox FROM "${s}".event_handler ORDER BY consumer`)).rows;
  expect(registry).toEqual([
    { consumer: consumerName('notifications', 'partners.>'), inherits_service_inbox: false },
    { consumer: consumerName('notifications', Probed.type), inherits_service_inbox: false },
    { consumer: consumerName('notifications', Probed.type, 'audit'), inherits_service_inbox: false },
  ]);
  // every handler's own inbox: ten events each
  const inbox = (await db.query(`SELECT consumer, count(*)::int AS n FROM "${s}".inbox GROUP BY consumer ORDER BY consumer`)).rows;
  expect(inbox).toEqual(registry.map((r) => ({ consumer: r.consumer, n: 10 })));
});

it('lets the handlers of the first start with keys take what the service applied under its own name as applied, old replicas see what they apply, and a handler added after gets everything', async () => {
  const config = namespace();
  const s = config.database.schema;
  await (await start(config, [])).close(); // the tables, as the version before left them
  apps.pop();
  await ensureStreams(await nc.jetstreamManager(), config.nats, ['partners'], 1);

  // The version before applied events 0–4 under the service's name.
  const ids = range(0, 12).map(() => uuidv7());
  const appliedBefore = async (n: number) => {
    await db.query(`INSERT INTO "${s}".inbox (consumer, event_id, hub_id, subject) VALUES ('notifications', $1, $2, $3)`, [ids[n], hubId, Probed.type]);
    await db.query(`INSERT INTO "${s}".probe_effect (event_id, n) VALUES ($1, $2)`, [ids[n], n]);
  };
  for (const n of range(0, 5)) {
    await appliedBefore(n);
    await publishProbe(nc, config, hubId, { n }, Probed.type, ids[n]);
  }

  // The new version: its handlers' consumers start from the stream's first event.
  await start(config, [ProbeHandler, ProbeAuditHandler]);
  for (const n of range(5, 10)) await publishProbe(nc, config, hubId, { n }, Probed.type, ids[n]);
  const expected = [...range(0, 10), ...plus(2000, range(5, 10))];
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(expected), { timeoutMs: 20_000 });
  await sleep(500);
  expect(await probeEffects(db, config)).toEqual(expected); // 0–4 not applied again, by either handler

  // What a replica of the version before reads (its inbox statement, under the service's name): 5–9 applied.
  for (const n of range(5, 10)) {
    const old = await db.query(`INSERT INTO "${s}".inbox (consumer, event_id, hub_id, subject) VALUES ('notifications', $1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`, [ids[n], hubId, Probed.type]);
    expect(old.rowCount).toBe(0);
  }
  // And what it applies first, the new handlers do not apply again.
  await appliedBefore(10);
  await publishProbe(nc, config, hubId, { n: 10 }, Probed.type, ids[10]);
  await publishProbe(nc, config, hubId, { n: 11 }, Probed.type, ids[11]);
  const then = [...range(0, 12), ...plus(2000, [5, 6, 7, 8, 9, 11])];
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(then), { timeoutMs: 20_000 });

  // A handler a later version adds inherits nothing: it gets every event the stream keeps.
  await start(config, [ProbeHandler, ProbeAuditHandler, ProbeContextHandler]);
  const last = [...then, ...plus(3000, range(0, 12))].sort((a, b) => a - b);
  await eventually(async () => expect(await probeEffects(db, config)).toEqual(last), { timeoutMs: 20_000 });
  await sleep(500);
  expect(await probeEffects(db, config)).toEqual(last);
  const registry = (await db.query(`SELECT consumer, inherits_service_inbox FROM "${s}".event_handler ORDER BY consumer`)).rows;
  expect(registry).toEqual([
    { consumer: consumerName('notifications', 'partners.>'), inherits_service_inbox: false },
    { consumer: consumerName('notifications', Probed.type), inherits_service_inbox: true },
    { consumer: consumerName('notifications', Probed.type, 'audit'), inherits_service_inbox: true },
  ]);
  expect(await probeDeadLetters(db, config)).toEqual([]);
});

it('loses nothing and applies nothing twice while a replica of the version before (a consumer per pattern, every handler of a type on one delivery, the service as inbox key) runs beside the new one', async () => {
  const config = namespace();
  const s = config.database.schema;
  await (await start(config, [])).close(); // the tables, as the version before left them
  apps.pop();
  await ensureStreams(await nc.jetstreamManager(), config.nats, ['partners'], 1);
  const stream = `${config.nats.streamPrefix}PARTNERS`;
  const before = patternConsumerName('notifications', Probed.type);
  await (await nc.jetstreamManager()).consumers.add(stream, {
    durable_name: before,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${config.nats.subjectPrefix}${Probed.type}`,
    ack_wait: 5_000_000_000,
  });

  // The old replica: pulls its consumer, and per event, in one transaction, records it under the
  // service's name and, if new, runs both handlers (the probe's and the audit's).
  const oldDb = new Client({ connectionString: TEST_DATABASE_URL });
  await oldDb.connect();
  let stopping = false;
  const oldReplica = (async () => {
    const pulling = await nc.jetstream().consumers.get(stream, before);
    while (!stopping) {
      for await (const msg of await pulling.fetch({ max_messages: 5, expires: 1000 })) {
        const event = JSON.parse(new TextDecoder().decode(msg.data)) as { id: string; hubId: string; type: string; data: { n: number } };
        await oldDb.query('BEGIN');
        const fresh = await oldDb.query(`INSERT INTO "${s}".inbox (consumer, event_id, hub_id, subject) VALUES ('notifications', $1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`, [event.id, event.hubId, event.type]);
        if (fresh.rowCount === 1) {
          await oldDb.query(`INSERT INTO "${s}".probe_effect (event_id, n) VALUES ($1, $2), ($1, $3)`, [event.id, event.data.n, event.data.n + 2000]);
        }
        await oldDb.query('COMMIT');
        msg.ack();
      }
    }
  })();
  try {
    // The new version starts beside it (its first start with a consumer per handler). The old
    // replica has applied nothing yet, so the inbox holds no row under the service's name: its
    // consumer on NATS alone says that a version before runs, and the new handlers inherit.
    await start(config, [ProbeHandler, ProbeAuditHandler]);
    const registry = (await db.query(`SELECT consumer, inherits_service_inbox FROM "${s}".event_handler ORDER BY consumer`)).rows;
    expect(registry).toEqual([
      { consumer: consumerName('notifications', Probed.type), inherits_service_inbox: true },
      { consumer: consumerName('notifications', Probed.type, 'audit'), inherits_service_inbox: true },
    ]);
    for (const n of range(0, 60)) {
      await publishProbe(nc, config, hubId, { n });
      if (n % 5 === 0) await sleep(20);
    }
    const expected = [...range(0, 60), ...plus(2000, range(0, 60))];
    await eventually(async () => expect(await probeEffects(db, config)).toEqual(expected), { timeoutMs: 20_000 });
    await sleep(1000);
    expect(await probeEffects(db, config)).toEqual(expected);
    expect(await probeDeadLetters(db, config)).toEqual([]);
    // the old consumer is retired: the server removes it an hour after the last pull
    expect((await (await nc.jetstreamManager()).consumers.info(stream, before)).config.inactive_threshold).toBe(60 * 60 * 1_000_000_000);
  } finally {
    stopping = true;
    await oldReplica;
    await oldDb.end();
  }
});

it('replays a dead letter through the handler whose consumer gave it up, and one from before handlers had consumers through every handler of its type', async () => {
  const config = namespace();
  const s = config.database.schema;
  const app = await start(config, [ProbeHandler, ProbeAuditHandler, ProbeContextHandler]);
  const letter = async (consumer: string, n: number, data: unknown = { n }): Promise<number> => {
    const id = uuidv7();
    const payload = JSON.stringify({ id, type: Probed.type, version: 1, hubId, occurredAt: new Date().toISOString(), actor: SYSTEM_ACTOR, correlationId: randomUUID(), causationId: null, data });
    const [row] = (
      await db.query(
        `INSERT INTO "${s}".dead_letter (consumer, stream, stream_seq, subject, event_id, event_type, hub_id, payload, reason, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'failed 5 times', 5) RETURNING id`,
        [consumer, `${config.nats.streamPrefix}PARTNERS`, 1000 + n, `${config.nats.subjectPrefix}${Probed.type}`, id, Probed.type, hubId, payload],
      )
    ).rows;
    return Number(row.id);
  };
  const deadLetters = app.get(DeadLetterService);
  await deadLetters.replay(hubId, await letter(consumerName('notifications', Probed.type, 'audit'), 50));
  expect(await probeEffects(db, config)).toEqual([2050]);
  await deadLetters.replay(hubId, await letter('notifications', 60));
  expect(await probeEffects(db, config)).toEqual([60, 2050, 2060, 3060]);
  await expect(deadLetters.replay(hubId, await letter('notifications_partners_gone', 70))).rejects.toMatchObject({ status: 422 });
  // A letter from before that still does not validate is refused whole: no handler of its type applies it.
  await expect(deadLetters.replay(hubId, await letter('notifications', 80, { n: 'eighty' }))).rejects.toMatchObject({ status: 422 });
  expect(await probeEffects(db, config)).toEqual([60, 2050, 2060, 3060]);
});

it('refuses two handlers of one pattern without names that tell them apart, and a name that cannot be part of a consumer name', () => {
  const naming = { subjectPrefix: '', streamPrefix: '' };
  expect(() => eventConsumers('coaching', naming, ['partners.roles-changed', 'partners.roles-changed'])).toThrow(/two handlers of @EventPattern\('partners.roles-changed'\)/);
  expect(() => eventConsumers('coaching', naming, ['partners.roles-changed#role-copy', 'partners.roles-changed#role-copy'])).toThrow(/named 'role-copy'/);
  expect(() => eventConsumers('coaching', naming, ['partners.roles-changed#Role Copy'])).toThrow(/lower-case words/);
  expect(eventConsumers('coaching', naming, ['partners.roles-changed', 'partners.roles-changed#role-copy', 'partners.>']).map((c) => c.name)).toEqual([
    'coaching_h_partners_roles-changed',
    'coaching_h_partners_roles-changed__role-copy',
    'coaching_h_partners_all',
  ]);
});
