import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { z } from 'zod';
import { CirkelConfig } from '@cirkel/config';
import { defineEvent, EventEnvelope } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, eventually, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { JetStreamContext, UnitOfWork } from '../src';
import { Probed, ProbeConsumerModule, ProbedData } from './fixtures/probe';
import { publishProbe, range } from './fixtures/probe-events';
import { createProbeService } from './fixtures/probe-service';

/**
 * Events an event handler publishes leave at once, not at the relay's sweep: the handler's outbox
 * rows commit with the delivery batch, so the relay must be woken after that commit (a wake-up
 * from inside the transaction finds nothing). Coaching's proposal after `ideas.submitted` is such
 * an event. The sweep is ten minutes here, so only the wake-up after commit can publish them.
 */
const Echoed = defineEvent('notifications.probe-echoed', 1, z.object({ n: z.number().int() }));

@Controller()
class EchoHandler {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @EventPattern(Probed.type)
  async probed(@Payload() event: EventEnvelope<ProbedData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      tx.publish(Echoed, event.hubId, { n: event.data.n }, { actor: event.actor, correlationId: event.correlationId, causationId: event.id });
    }, ctx.manager);
    // More work after publishing, before the batch commits: a relay woken from inside the
    // transaction has finished its round by the time the rows are committed.
    await ctx.manager.query('SELECT pg_sleep(0.3)');
  }
}

const ns = testNamespace();
const hubId = randomUUID();
let config: CirkelConfig;
let nc: NatsConnection;
let db: Client;
let app: NestFastifyApplication | undefined;

async function outbox(): Promise<{ written: number; published: number }> {
  const rows = await db.query(`SELECT count(*)::int AS written, count(published_at)::int AS published FROM "${config.database.schema}".outbox`);
  return rows.rows[0];
}

beforeAll(async () => {
  await ensureTestDatabase();
  config = testConfig('notifications', ns);
  nc = await connect({ servers: config.nats.servers });
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await app?.close();
  await nc?.close();
  await db?.end();
  await cleanupNamespace(ns);
});

it("publishes what a handler published as soon as the delivery's transaction commits", async () => {
  app = await createProbeService(ProbeConsumerModule.forRoot(config, { outboxSweepMs: 600_000 }, [EchoHandler], [Echoed]), config);
  await app.init();
  for (const n of range(0, 5)) await publishProbe(nc, config, hubId, { n });
  await eventually(async () => expect(await outbox()).toEqual({ written: 5, published: 5 }), { timeoutMs: 5_000 });
}, 30_000);
