import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CirkelConfig } from '@cirkel/config';
import { EventEnvelope, SYSTEM_ACTOR } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, eventually, sleep, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { DeadLetterService, OutboxRelay, systemCause, UnitOfWork } from '../src';
import { consumerName } from '../src/jetstream/event-consumers';
import { healProbes, Ignored, ProbeConsumerModule, Probed, ProbePublisherModule } from './fixtures/probe';
import { createProbeService } from './fixtures/probe-service';

const ns = testNamespace();
const hubId = randomUUID();
const encoder = new TextEncoder();

let publisherConfig: CirkelConfig;
let consumerConfig: CirkelConfig;
let db: Client;
let nc: NatsConnection;
let consumer: NestFastifyApplication | undefined;
let publisher: INestApplicationContext | undefined;

const consumerSchema = () => consumerConfig.database.schema;
const publisherSchema = () => publisherConfig.database.schema;

async function startConsumer(): Promise<void> {
  consumer = await createProbeService(ProbeConsumerModule.forRoot(consumerConfig), consumerConfig);
  await consumer.init();
}

async function startPublisher(): Promise<INestApplicationContext> {
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(publisherConfig), { logger: ['error'] });
  return publisher;
}

async function effects(): Promise<{ event_id: string; n: number }[]> {
  return (await db.query(`SELECT event_id, n FROM "${consumerSchema()}".probe_effect ORDER BY n`)).rows;
}

async function deadLetters(): Promise<{ event_id: string | null; hub_id: string | null; reason: string; deliveries: number }[]> {
  return (await db.query(`SELECT event_id, hub_id, reason, deliveries FROM "${consumerSchema()}".dead_letter ORDER BY id`)).rows;
}

/** What the consumer has not yet received, and what it received but did not settle. */
async function unsettled(): Promise<{ pending: number; unacked: number }> {
  const info = await (await nc.jetstreamManager()).consumers.info(`${publisherConfig.nats.streamPrefix}PARTNERS`, consumerName('notifications', Probed.type));
  return { pending: info.num_pending, unacked: info.num_ack_pending };
}

function envelope(data: unknown, id = uuidv7()): EventEnvelope {
  return {
    id,
    type: Probed.type,
    version: 1,
    hubId,
    occurredAt: new Date().toISOString(),
    actor: SYSTEM_ACTOR,
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

/** Publishes straight to JetStream, past the outbox, as a faulty or foreign publisher would. */
async function publishRaw(payload: unknown, msgID?: string): Promise<void> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  await nc.jetstream().publish(`${publisherConfig.nats.subjectPrefix}${Probed.type}`, encoder.encode(body), msgID ? { msgID } : undefined);
}

async function resetTables(): Promise<void> {
  await db.query(`TRUNCATE "${consumerSchema()}".probe_effect, "${consumerSchema()}".dead_letter`);
}

beforeAll(async () => {
  await ensureTestDatabase();
  publisherConfig = testConfig('partners', ns, { CONSUMER_MAX_DELIVER: '3' });
  consumerConfig = testConfig('notifications', ns, { CONSUMER_MAX_DELIVER: '3' });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  nc = await connect({ servers: publisherConfig.nats.servers });
  await startConsumer();
});

afterAll(async () => {
  await publisher?.close();
  await consumer?.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

afterEach(async () => {
  await publisher?.close();
  publisher = undefined;
});

describe('the event backbone', () => {
  it('delivers every event once when the publishing process dies between commit and publish', async () => {
    await resetTables();
    const count = 50;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'fixtures/crashing-publisher.ts')], {
      env: { ...process.env, CIRKEL_NAMESPACE: ns, DATABASE_URL: TEST_DATABASE_URL, PROBE_COUNT: String(count), PROBE_HUB: hubId, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(output).toBe('relaying\ncommitted\n');
    expect(signal).toBe('SIGKILL');

    // Its relay was running, so these can fail: an event published from inside the transaction, or
    // before the commit returned, would be on the stream and marked, though the process died at once.
    await sleep(300);
    expect(await effects()).toHaveLength(0);
    const pending = await db.query(`SELECT count(*)::int AS n FROM "${publisherSchema()}".outbox WHERE published_at IS NULL`);
    expect(pending.rows[0].n).toBe(count);

    await startPublisher(); // its relay's sweep finds what the dead process left
    await eventually(async () => expect(await effects()).toHaveLength(count), { timeoutMs: 15_000 });
    await sleep(500);
    const rows = await effects();
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(count);
    expect(rows.map((r) => r.n)).toEqual([...Array(count).keys()]);
    // Marked by the relay's next read, a moment after the last acknowledgement (MARK_AFTER_MS).
    const left = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM "${publisherSchema()}".outbox WHERE published_at IS NULL`)).rows[0].n;
    await eventually(async () => expect(await left()).toBe(0), { timeoutMs: 5_000 });
  });

  it('applies an event delivered twice only once', async () => {
    await resetTables();
    const event = envelope({ n: 7 });
    // Two deliveries of one event: two stream messages (different Nats-Msg-Id), one event id.
    await publishRaw(event, randomUUID());
    await publishRaw(event, randomUUID());
    // And a relay that published but died before marking: its row goes out again with the same Nats-Msg-Id.
    const ctx = await startPublisher();
    const uow = ctx.get(UnitOfWork);
    const relay = ctx.get(OutboxRelay);
    const published = await uow.run(async (tx) => tx.publish(Probed, hubId, { n: 8 }, systemCause()));
    await relay.flush();
    await db.query(`UPDATE "${publisherSchema()}".outbox SET published_at = NULL WHERE id = $1`, [published.id]);
    relay.kick();
    await relay.flush();

    await eventually(async () => expect((await effects()).map((r) => r.n)).toEqual([7, 8]));
    await sleep(800); // time for any second effect to show
    expect((await effects()).map((r) => r.n)).toEqual([7, 8]);
    const inbox = await db.query(`SELECT hub_id FROM "${consumerSchema()}".inbox WHERE event_id = ANY($1::uuid[])`, [[event.id, published.id]]);
    expect(inbox.rows).toEqual([{ hub_id: hubId }, { hub_id: hubId }]);
  });

  it('dead-letters an invalid event with its reason and goes on with the next', async () => {
    await resetTables();
    await publishRaw('{ this is not json');
    await publishRaw(envelope({ n: 'eleven' }));
    await publishRaw({ ...envelope({ n: 12 }), version: 99 });
    await publishRaw(envelope({ n: 13 }));

    await eventually(async () => expect((await effects()).map((r) => r.n)).toEqual([13]));
    await eventually(async () => expect(await deadLetters()).toHaveLength(3));
    const reasons = (await deadLetters()).map((d) => d.reason);
    expect(reasons[0]).toBe('payload is not JSON');
    expect(reasons[1]).toMatch(/^invalid data: n: /);
    expect(reasons[2]).toBe('unknown event partners.probed version 99');
    expect((await deadLetters()).map((d) => d.hub_id)).toEqual([null, hubId, hubId]);
    // Terminated, not left to be redelivered (and dead-lettered again) after the ack wait.
    await eventually(async () => expect(await unsettled()).toEqual({ pending: 0, unacked: 0 }));
  });

  it('is not delivered the events of its stream that it has no handler for: no effect, no dead letter', async () => {
    await resetTables();
    const ctx = await startPublisher();
    await ctx.get(UnitOfWork).run(async (tx) => {
      tx.publish(Ignored, hubId, { n: 31 }, systemCause());
      tx.publish(Probed, hubId, { n: 32 }, systemCause());
    });
    await eventually(async () => expect((await effects()).map((r) => r.n)).toEqual([32]));
    await eventually(async () => expect(await unsettled()).toEqual({ pending: 0, unacked: 0 }));
    expect(await deadLetters()).toHaveLength(0);
    // Its one consumer takes only the subject it handles; the ignored event is left for whoever handles it.
    const filters: (string | undefined)[] = [];
    for await (const c of (await nc.jetstreamManager()).consumers.list(`${publisherConfig.nats.streamPrefix}PARTNERS`)) filters.push(c.config.filter_subject);
    expect(filters).toEqual([`${publisherConfig.nats.subjectPrefix}${Probed.type}`]);
  });

  it('retries a failing handler with back-off, then dead-letters it after max_deliver, without a trace of its effect', async () => {
    await resetTables();
    await publishRaw(envelope({ n: 21, fail: 'always' }));
    await publishRaw(envelope({ n: 22, fail: 'permanently' }));
    await publishRaw(envelope({ n: 23 }));

    await eventually(async () => expect(await deadLetters()).toHaveLength(2), { timeoutMs: 15_000 });
    const letters = await deadLetters();
    const permanent = letters.find((d) => d.reason.includes('22'))!;
    const transient = letters.find((d) => d.reason.includes('21'))!;
    expect(permanent.deliveries).toBe(1); // no retries for what can never succeed
    expect(transient.deliveries).toBe(3);
    expect(transient.reason).toBe('failed 3 times; last error: probe 21 fails');
    // Each failed attempt rolled back its effect; the good event's effect stands.
    expect((await effects()).map((r) => r.n)).toEqual([23]);
  });

  it('delivers everything published while the consumer was down when it comes back', async () => {
    await resetTables();
    await consumer!.close();
    consumer = undefined;
    const ctx = await startPublisher();
    const uow = ctx.get(UnitOfWork);
    for (let n = 100; n < 130; n++) await uow.run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
    await ctx.get(OutboxRelay).flush();
    await sleep(300);
    expect(await effects()).toHaveLength(0);

    await startConsumer();
    await eventually(async () => expect(await effects()).toHaveLength(30));
    expect((await effects()).map((r) => r.n)).toEqual([...Array(30).keys()].map((i) => 100 + i));
  });

  it('relays from one replica at a time, and from another when that one stops', async () => {
    await resetTables();
    const first = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(publisherConfig), { logger: ['error'] });
    const second = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(publisherConfig), { logger: ['error'] });
    try {
      for (let n = 200; n < 220; n++) await second.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
      await eventually(async () => expect(await effects()).toHaveLength(20));
      const leaders = await db.query(`SELECT count(*)::int AS n FROM "${publisherSchema()}".outbox_relay_lease WHERE expires_at > now()`);
      expect(leaders.rows[0].n).toBe(1);

      await first.close(); // whichever led, the other one relays from now on
      for (let n = 220; n < 230; n++) await second.get(UnitOfWork).run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
      await eventually(async () => expect(await effects()).toHaveLength(30), { timeoutMs: 10_000 });
      expect(new Set((await effects()).map((r) => r.n)).size).toBe(30);
    } finally {
      await second.close();
    }
  });

  it('makes its consumer again when it is deleted, and applies nothing twice', async () => {
    await resetTables();
    const ctx = await startPublisher();
    const uow = ctx.get(UnitOfWork);
    for (let n = 300; n < 305; n++) await uow.run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
    await eventually(async () => expect(await effects()).toHaveLength(5));

    const jsm = await nc.jetstreamManager();
    await jsm.consumers.delete(`${publisherConfig.nats.streamPrefix}PARTNERS`, consumerName('notifications', Probed.type));
    for (let n = 305; n < 310; n++) await uow.run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));

    // The new consumer starts from the stream's beginning: the inbox keeps old events from a second effect.
    await eventually(async () => expect((await effects()).map((r) => r.n)).toEqual([300, 301, 302, 303, 304, 305, 306, 307, 308, 309]), { timeoutMs: 15_000 });
    await eventually(async () => expect(await unsettled()).toEqual({ pending: 0, unacked: 0 }), { timeoutMs: 15_000 });
    expect((await effects()).map((r) => r.n)).toHaveLength(10);
  });

  describe('dead letters', () => {
    // The requests and their guard (hub admins, by fresh roles) are libs/runtime's; here the service behind them.
    const deadLetters = () => consumer!.get(DeadLetterService);

    beforeAll(async () => {
      if (!consumer) await startConsumer();
    });

    afterAll(() => healProbes(false));

    it('lists them per hub and replays one once its cause is mended, applying it once', async () => {
      await resetTables();
      healProbes(false);
      await publishRaw(envelope({ n: 41, fail: 'until-healed' }));
      await eventually(async () => expect(await deadLetters().list(hubId, { limit: 10 })).toMatchObject({ items: [expect.anything()] }), { timeoutMs: 15_000 });

      const page = await deadLetters().list(hubId, { limit: 10 });
      expect(page.items).toEqual([expect.objectContaining({ eventType: 'partners.probed', consumer: consumerName('notifications', Probed.type), deliveries: 3, replayedAt: null })]);
      const letter = page.items[0];
      expect(letter.reason).toBe('failed 3 times; last error: probe 41 fails until healed');

      const otherHub = randomUUID();
      expect((await deadLetters().list(otherHub, { limit: 10 })).items).toEqual([]);
      await expect(deadLetters().replay(otherHub, letter.id)).rejects.toMatchObject({ status: 404, type: 'dead-letter-not-found' });

      // Still broken: the replay says why and changes nothing.
      await expect(deadLetters().replay(hubId, letter.id)).rejects.toMatchObject({ status: 422, type: 'dead-letter-replay-failed' });
      expect(await effects()).toEqual([]);

      healProbes(true);
      const replayed = await deadLetters().replay(hubId, letter.id);
      expect(replayed.replayedAt).not.toBeNull();
      expect((await effects()).map((r) => r.n)).toEqual([41]);
      await expect(deadLetters().replay(hubId, letter.id)).rejects.toMatchObject({ status: 409, type: 'dead-letter-already-replayed' });
      expect((await effects()).map((r) => r.n)).toEqual([41]);
    });
  });
});
