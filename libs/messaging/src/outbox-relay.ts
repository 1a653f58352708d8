import { Inject, Injectable, Logger } from '@nestjs/common';
import { headers as natsHeaders, JetStreamClient, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { HEADER_CORRELATION_ID, HEADER_EVENT_TYPE, MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { MessagingOptions } from './messaging-options';
import { subjectOf } from './streams';

interface PendingRow {
  seq: string;
  id: string;
  subject: string;
  envelope: string;
  correlation_id: string | null;
}

const encoder = new TextEncoder();

/**
 * Publishes pending outbox rows to JetStream, in batches, with `Nats-Msg-Id` = event id, and marks
 * them published. Woken right after each commit, and on a sweep for anything a crash left behind.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so replicas share the work.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private js?: JetStreamClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private started = false;

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
  }

  /** Asks for a publishing round; a round already under way runs once more instead. */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Publishes until nothing is pending. Resolves when the outbox is empty (or the relay stopped). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.drain();
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        while (this.started && (await this.publishBatch()) === this.options.relayBatchSize) {
          // a full batch: there may be more
        }
      } catch (error) {
        this.logger.warn(`outbox relay round failed, the sweep will retry: ${(error as Error).message}`);
        return;
      }
    } while (this.again && this.started);
  }

  private async publishBatch(): Promise<number> {
    const js = this.js ?? this.nc.jetstream();
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT seq, id, subject, envelope::text AS envelope, envelope->>'correlationId' AS correlation_id FROM outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.relayBatchSize],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((row) => {
          const h = natsHeaders();
          h.set(HEADER_EVENT_TYPE, row.subject);
          if (row.correlation_id) h.set(HEADER_CORRELATION_ID, row.correlation_id);
          return js.publish(subjectOf(this.options.naming, row.subject), encoder.encode(row.envelope), { msgID: row.id, headers: h });
        }),
      );
      await manager.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      return rows.length;
    });
  }
}
