/**
 * The bare side of the events benchmark: the same events through JetStream with the `nats` client
 * and `pg` alone, with the backbone's batching and windows (libs/messaging: `outbox-relay.ts`,
 * `messaging-options.ts`, `jetstream/delivery-buffer.ts`) and the same write per event, but no
 * outbox, relay bookkeeping, inbox, validation or Nest.
 */
import { AckPolicy, Consumer, ConsumerMessages, DeliverPolicy, headers as natsHeaders, JsMsg, MsgHdrs, NatsConnection, PubAck } from 'nats';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ensureStreams, HEADER_CORRELATION_ID, HEADER_EVENT_TYPE, messagingOptions, Naming, streamName } from '@cirkel/messaging';
import { CirkelConfig } from '@cirkel/config';
import { oneByOne, Tally } from './events-tally';

/** How the backbone sends and takes events (the same numbers, read from its options). */
export interface Windows {
  /** Rows the relay reads and publishes at a time (`relayBatchSize`). */
  publishBatch: number;
  /** Batches whose acks the relay awaits at once (`BATCHES_IN_FLIGHT` in outbox-relay.ts). */
  publishInFlight: number;
  /** Messages per pull and per consuming transaction (`consumerBatchSize`); the next pull only while fewer wait. */
  consumeBatch: number;
  /** How long a pull waits on the server (`PULL_EXPIRES_MS` in jetstream-consumer.lifecycle.ts). */
  pullExpiresMs: number;
  ackWaitMs: number;
  maxAckPending: number;
  streamMaxAgeDays: number;
}

export function backboneWindows(config: CirkelConfig): Windows {
  const options = messagingOptions(config, ['partners']);
  return {
    publishBatch: options.relayBatchSize,
    publishInFlight: 3,
    consumeBatch: options.consumerBatchSize,
    pullExpiresMs: 15_000,
    ackWaitMs: options.ackWaitMs,
    maxAckPending: options.maxAckPending,
    streamMaxAgeDays: options.streamMaxAgeDays,
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const TYPE = 'partners.bench-ticked';

/** Bare JetStream and a Postgres table of its own, set up like the backbone's stream, consumer and consuming table. */
export class Bare {
  readonly stream: string;
  private readonly subject: string;
  private readonly table: string;
  /** Where the bare writers of the production shape commit their event before publishing it. */
  private readonly written: string;
  private consumer?: Consumer;
  private readonly pool: Pool;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
    databaseUrl: string,
    poolSize: number,
    private readonly windows: Windows,
  ) {
    const naming = bareNaming(namespace);
    this.stream = streamName(naming, 'partners');
    this.subject = `${naming.subjectPrefix}${TYPE}`;
    this.table = Bare.tableOf(namespace);
    this.written = `"${namespace}_bare".written`;
    this.pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  }

  /** The bare side's stream (its namespace inside the run's). */
  static streamOf(namespace: string): string {
    return streamName(bareNaming(namespace), 'partners');
  }

  /** The bare consumer's table (schema-qualified). */
  static tableOf(namespace: string): string {
    return `"${namespace}_bare".bench_seen`;
  }

  /** The pool's PostgreSQL backends. */
  backends(): number[] {
    return backendsOf(this.pool);
  }

  async setUp(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    await ensureStreams(jsm, bareNaming(this.namespace), ['partners'], this.windows.streamMaxAgeDays);
    await jsm.consumers.add(this.stream, {
      durable_name: 'bare',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.subject,
      ack_wait: this.windows.ackWaitMs * 1_000_000,
      max_deliver: -1,
      max_ack_pending: this.windows.maxAckPending,
    });
    this.consumer = await this.nc.jetstream().consumers.get(this.stream, 'bare');
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS "${this.namespace}_bare"`);
    for (const table of [this.table, this.written]) await this.pool.query(`CREATE TABLE ${table} (event_id uuid NOT NULL, run smallint NOT NULL, n int NOT NULL)`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Publishes events 0 … N-1 as the relay does: batches of `publishBatch`, each message with
   * `Nats-Msg-Id` and the backbone's headers, the next batch sent while up to `publishInFlight`
   * batches await their acks. A write's start is when its batch is sent.
   */
  async publish(tally: Tally, hubId: string): Promise<void> {
    const js = this.nc.jetstream();
    const inFlight: Promise<PubAck[]>[] = [];
    for (let from = 0; from < tally.events; from += this.windows.publishBatch) {
      const acks: Promise<PubAck>[] = [];
      const now = performance.now();
      for (let n = from; n < Math.min(tally.events, from + this.windows.publishBatch); n++) {
        const envelope = benchEnvelope(hubId, tally.run, n);
        tally.started(n, now);
        acks.push(js.publish(this.subject, encoder.encode(JSON.stringify(envelope)), { msgID: envelope.id, headers: this.headers(envelope) }));
      }
      const sending = Promise.all(acks);
      sending.catch(() => undefined); // judged when awaited below
      inFlight.push(sending);
      if (inFlight.length >= this.windows.publishInFlight) await inFlight.shift();
    }
    await Promise.all(inFlight);
  }

  /**
   * One event per transaction from `writers` at once, without an outbox: each writer commits a row
   * of the event (its transaction, as the backbone's writer commits the outbox row) and then
   * publishes it and awaits the ack (publish after commit: what the outbox exists to avoid, since a
   * crash in between loses the event, but the least a bare service does per event).
   */
  publishOneByOne(tally: Tally, hubId: string, writers: number, perSecond?: number): Promise<void> {
    const js = this.nc.jetstream();
    return oneByOne(tally, writers, perSecond, async (n) => {
      const envelope = benchEnvelope(hubId, tally.run, n);
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO ${this.written} (event_id, run, n) VALUES ($1, $2, $3)`, [envelope.id, tally.run, n]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      await js.publish(this.subject, encoder.encode(JSON.stringify(envelope)), { msgID: envelope.id, headers: this.headers(envelope) });
    });
  }

  /**
   * Consumes as the backbone's transport does: one pull of `consumeBatch` at a time, the next only
   * while fewer than a batch wait; what has gathered (at most a batch) is written in one transaction,
   * an INSERT per event, and acked after commit. Runs until `stop` is called.
   */
  consume(tallyOf: (run: number) => Tally | undefined): { stop: () => Promise<void> } {
    const waiting: JsMsg[] = [];
    let stopped = false;
    let pulling: ConsumerMessages | undefined;
    let wakeTaker: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const wake = (): void => {
      const [t, r] = [wakeTaker, wakeReader];
      wakeTaker = wakeReader = undefined;
      t?.();
      r?.();
    };
    const consumer = this.consumer;
    if (!consumer) throw new Error('Bare.setUp() first');
    const reading = (async () => {
      while (!stopped) {
        while (waiting.length >= this.windows.consumeBatch && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (stopped) break;
        pulling = await consumer.fetch({ max_messages: this.windows.consumeBatch, expires: this.windows.pullExpiresMs });
        for await (const msg of pulling) {
          waiting.push(msg);
          wake();
        }
      }
    })();
    const processing = (async () => {
      for (;;) {
        while (waiting.length === 0 && !stopped) await new Promise<void>((resolve) => (wakeTaker = resolve));
        if (stopped) return;
        const batch = waiting.splice(0, this.windows.consumeBatch);
        wake();
        await this.apply(batch, tallyOf);
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        void pulling?.close();
        wake();
        await Promise.all([reading, processing]);
      },
    };
  }

  /** The headers the relay sets. */
  private headers(envelope: BenchEnvelope): MsgHdrs {
    const h = natsHeaders();
    h.set(HEADER_EVENT_TYPE, TYPE);
    h.set(HEADER_CORRELATION_ID, envelope.correlationId);
    return h;
  }

  /** One transaction for the batch, one INSERT per event (as the backbone's handler does), then the acks. */
  private async apply(batch: JsMsg[], tallyOf: (run: number) => Tally | undefined): Promise<void> {
    const events = batch.map((msg) => JSON.parse(decoder.decode(msg.data)) as BenchEnvelope);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const e of events) await client.query(`INSERT INTO ${this.table} (event_id, run, n) VALUES ($1, $2, $3)`, [e.id, e.data.run, e.data.n]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      for (const msg of batch) msg.nak(500);
      process.stderr.write(`bare: a batch failed and was handed back: ${(error as Error).message}\n`);
      return;
    } finally {
      client.release();
    }
    const now = performance.now();
    for (const e of events) tallyOf(e.data.run)?.committedOne(e.data.n, now);
    for (const msg of batch) msg.ack();
  }
}

interface BenchEnvelope {
  id: string;
  correlationId: string;
  data: { run: number; n: number; key: string };
}

/** An envelope like the outbox's (the same fields and size) for the bare side. */
function benchEnvelope(hubId: string, run: number, n: number): BenchEnvelope & Record<string, unknown> {
  const correlationId = uuidv7();
  const key = aggregateKey(n);
  return {
    id: uuidv7(),
    type: TYPE,
    version: 1,
    hubId,
    occurredAt: new Date().toISOString(),
    actor: { kind: 'system' },
    correlationId,
    causationId: null,
    aggregate: { type: 'bench-counter', id: key, version: 1 },
    data: { run, n, key },
  };
}

/** A namespace of its own inside the run's, so the namespace's cleanup removes it. */
function bareNaming(namespace: string): Naming {
  return { subjectPrefix: `${namespace}.bare.`, streamPrefix: `${namespace.toUpperCase()}_BARE_` };
}

/** The backend pids of a `pg` pool's connections (`processID`, from its list of clients: pg 8 keeps no public one). */
export function backendsOf(pool: Pool): number[] {
  const clients = (pool as unknown as { _clients?: { processID?: number }[] })._clients ?? [];
  return clients.map((c) => c.processID).filter((pid): pid is number => typeof pid === 'number');
}

/** The aggregate of event n: one of a thousand, as events of a service spread over its aggregates. */
export function aggregateKey(n: number): string {
  return `counter-${n % 1000}`;
}
