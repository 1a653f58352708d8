import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { headers as natsHeaders, JetStreamClient, NatsConnection, PubAck } from 'nats';
import { DataSource, QueryRunner } from 'typeorm';
import { HEADER_CORRELATION_ID, HEADER_EVENT_TYPE, MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { MessagingOptions } from './messaging-options';
import { subjectOf } from './streams';

interface PendingRow {
  seq: string;
  id: string;
  subject: string;
  correlation_id: string;
  envelope: string;
}

const encoder = new TextEncoder();
/** Batches whose acks may be awaited at once; the next batch is read and sent meanwhile. */
const BATCHES_IN_FLIGHT = 3;
/** Published rows are kept this long (for inspection), then pruned by the sweep. */
const KEEP_PUBLISHED = '7 days';
/** The advisory lock that makes one replica of a service the relay of its outbox. */
const LOCK_KEY = "hashtext(current_schema() || '.outbox')";

/**
 * Publishes pending outbox rows to JetStream, in `seq` order and in batches, with `Nats-Msg-Id` =
 * event id, and marks them published. Woken right after each commit, and on a sweep for anything
 * a crash left behind.
 *
 * One replica of a service relays at a time: the one holding the outbox's advisory lock, on a
 * connection of its own; if it dies, its connection closes, the lock is freed and another replica's
 * sweep takes over. The leader reads the next batch and sends it while earlier batches await their
 * acks. A batch that fails is sent again from the first unmarked row; the stream's duplicate window
 * and the consumers' inbox absorb what was already delivered.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private js?: JetStreamClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private started = false;
  /** The connection that holds the leadership lock, while this replica leads. */
  private leadership?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.js = this.nc.jetstream();
    this.timer = setInterval(() => this.kick(), this.options.outboxSweepMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    await this.running;
    await this.resign();
  }

  /** Stops before the data source and NATS close (they close in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Asks for a publishing round; a round already under way runs once more instead. */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = undefined;
    });
  }

  /** Publishes until nothing is pending; for tests and tools. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (!this.js) this.js = this.nc.jetstream();
    await this.round();
  }

  private async round(): Promise<void> {
    try {
      if (!(await this.lead())) return;
      do {
        this.again = false;
        await this.drain();
      } while (this.again && this.started);
      await this.prune();
    } catch (error) {
      this.logger.warn(`outbox relay round failed, the sweep will retry: ${(error as Error).message}`);
      await this.resign();
    }
  }

  /** Takes (or keeps) the leadership lock of this service's outbox; false if another replica has it. */
  private async lead(): Promise<boolean> {
    if (this.leadership && !this.leadership.isReleased) return true;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`);
    if (!locked) {
      await runner.release();
      return false;
    }
    this.leadership = runner;
    return true;
  }

  private async resign(): Promise<void> {
    const runner = this.leadership;
    this.leadership = undefined;
    if (!runner || runner.isReleased) return;
    // A pooled connection outlives release(): the lock must be given back explicitly.
    await runner.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    const js = (this.js ??= this.nc.jetstream());
    const inFlight: Promise<void>[] = [];
    let after = '0';
    let reading: unknown;
    try {
      for (;;) {
        const rows: PendingRow[] = await this.dataSource.query(
          `SELECT seq, id, subject, correlation_id, envelope::text AS envelope FROM outbox
            WHERE published_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2`,
          [after, this.options.relayBatchSize],
        );
        if (rows.length === 0) break;
        after = rows[rows.length - 1].seq;
        const sending = this.send(js, rows);
        // Handled now, judged below: a batch refused while the next one is read must not be an
        // unhandled rejection, which ends the process (and then the next replica that leads).
        sending.catch(() => undefined);
        inFlight.push(sending);
        if (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
        if (rows.length < this.options.relayBatchSize) break;
      }
    } catch (error) {
      reading = error;
    }
    // Every batch sent is awaited, whatever happened, before the round ends.
    const results = await Promise.allSettled(inFlight);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (reading ?? failed) throw reading ?? failed?.reason;
  }

  /** Sends a batch (js.publish writes each message before it returns, so batches go out in order), then marks it. */
  private async send(js: JetStreamClient, rows: PendingRow[]): Promise<void> {
    const acks: Promise<PubAck>[] = rows.map((row) => {
      const h = natsHeaders();
      h.set(HEADER_EVENT_TYPE, row.subject);
      h.set(HEADER_CORRELATION_ID, row.correlation_id);
      return js.publish(subjectOf(this.options.naming, row.subject), encoder.encode(row.envelope), { msgID: row.id, headers: h });
    });
    await Promise.all(acks);
    await this.dataSource.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
  }

  private async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - interval '${KEEP_PUBLISHED}'`);
  }
}
