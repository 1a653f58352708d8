import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { JetStreamClient, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { BoundedContext } from '@cirkel/contracts';
import { isNatsUnreachable } from './jetstream/infrastructure-failure';
import { MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { MessagingOptions, OUTBOX_KEEP_PUBLISHED_DAYS } from './messaging-options';
import { OutboxRow, outboxMessage } from './outbox-message';
import { OutboxListener } from './outbox-listener';
import { namedStatement } from '@cirkel/persistence';
import { RelayLease, RESIGNED } from './relay-lease';
import { ensureStreams } from './streams';
import { OutboxDeadLetterRepository } from './dead-letters/outbox-dead-letter.repository';

/** A row JetStream acknowledged, and when. */
interface Acknowledged {
  seq: string;
  at: Date;
}

/** The marking statements' parameters: the rows' seqs and their acknowledgement times. */
function columns(rows: readonly Acknowledged[]): [string[], Date[]] {
  return [rows.map((r) => r.seq), rows.map((r) => r.at)];
}

/** A publish JetStream did not acknowledge. */
interface Refusal {
  seq: string;
  subject: string;
  error: Error;
}

/** Batches whose acks may be awaited at once; the next batch is read and sent meanwhile. */
const BATCHES_IN_FLIGHT = 3;
/** Published rows are kept this long (for inspection and republishing), then pruned by the sweep. */
const KEEP_PUBLISHED = `${OUTBOX_KEEP_PUBLISHED_DAYS} days`;
/** How often the leader prunes published rows (not after every round: a statement per round adds up at a thousand events a second). */
const PRUNE_EVERY_MS = 60_000;
/**
 * The relay's statements, named (parsed and planned once per connection): the read of the next batch, which marks the
 * rows acknowledged before it (its plan an index scan that marks dead the entries of published rows:
 * OutboxNextBatch1765150000000, OutboxMarkTimes1765300000000), and a mark alone for `flush` and `stop`.
 * A mark commits without waiting for its WAL to be flushed (OutboxMarkAsync1765400000000): a mark lost
 * in a crash of PostgreSQL is a re-send, which `Nats-Msg-Id` and the inbox absorb.
 */
export const NEXT_BATCH = namedStatement('cirkel_outbox_next_batch_v2', 'SELECT * FROM outbox_next_batch($1, $2::bigint[], $3::timestamptz[], $4)');
/** Commits without waiting for the WAL flush when it marks rows, as the read does (OutboxMarkAsync1765400000000). */
export const MARK_PUBLISHED = namedStatement(
  'cirkel_outbox_mark_published_v3',
  `UPDATE outbox SET published_at = m.at FROM unnest($1::bigint[], $2::timestamptz[]) AS m(seq, at)
    WHERE outbox.seq = m.seq AND set_config('synchronous_commit', 'off', true) IS NOT NULL`,
);
/**
 * Rows acknowledged at the end of a round are marked by the next round's read; when none comes
 * within this long (no more commits), by a round of their own then. Not by a statement at the end
 * of every round: at a thousand one-event transactions a second that was a second committing
 * statement per round, and a commit arriving meanwhile waited for it.
 */
const MARK_AFTER_MS = 250;

/**
 * Publishes pending outbox rows to JetStream, in `seq` order and in batches, with `Nats-Msg-Id` =
 * event id, and marks them published. Woken right after each commit of its own replica, by the
 * notification another replica sends after its commits (`committed`, heard by `OutboxListener`),
 * and on a sweep for anything a crash left behind.
 *
 * One replica of a service relays at a time: the one holding the outbox's lease (`RelayLease`),
 * which it renews; a leader that cannot renew stops before its lease runs out, and another
 * replica's sweep takes over once it has expired (a leader that stops gives it back and another
 * takes over at once). The leader reads the next batch and sends it while earlier batches await their
 * acks. Each row acknowledged is marked; a row JetStream refuses waits with back-off and is moved to
 * `outbox_dead_letter` after a limit (`judge`), never holding back the others. When NATS cannot be
 * reached the round ends and the sweep tries again; the stream's duplicate window and the
 * consumers' inbox absorb what was already delivered.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private js?: JetStreamClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private started = false;
  /** A notification to the leader on its way, and whether commits came after it was sent. */
  private notifying?: Promise<void>;
  private notifyAgain = false;
  /**
   * Rows JetStream acknowledged, with when, not yet marked published: marked by the statement that
   * reads the next batch (one round trip for both), by a round MARK_AFTER_MS later when none
   * follows, or on `flush` and `stop`.
   */
  private unmarked: Acknowledged[] = [];
  private markTimer?: NodeJS.Timeout;
  /** Rows this replica committed while it led, as written: sent by the next round without reading them back. */
  private direct: OutboxRow[] = [];
  /**
   * Whether the next round reads the outbox: for what other replicas committed (their notification),
   * what a crash or a refusal left (the sweep), a lease just taken, a mark to write, and after a failed round.
   */
  private readPending = true;
  /** Rows sent by this relay and not yet marked (in flight, or acknowledged and `unmarked`): a read passes over them. */
  private held = new Set<string>();
  /** performance.now() of the last prune, so that it runs once a minute rather than every round. */
  private prunedAt = Number.NEGATIVE_INFINITY;
  private readonly lease: RelayLease;
  private readonly listener: OutboxListener;
  private readonly deadLetters: OutboxDeadLetterRepository;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.deadLetters = new OutboxDeadLetterRepository(dataSource);
    this.lease = new RelayLease(dataSource, options.relayLeaseMs);
    // The leader is woken by any replica's commit; every replica by a leader that resigns, and by
    // listening again after its connection was lost (a resignation may have gone unheard: it
    // tries for the lease, one statement that fails while another replica leads).
    this.listener = new OutboxListener(
      dataSource,
      (payload) => {
        if (payload === RESIGNED || this.lease.held) this.kick();
      },
      () => this.kick(),
    );
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.js = this.nc.jetstream();
    this.timer = setInterval(() => this.kick(), this.options.outboxSweepMs);
    this.timer.unref();
    this.listener.start();
    this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.direct = []; // committed: the next leader reads them
    clearInterval(this.timer);
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.listener.close();
    await this.running;
    // What was acknowledged is marked now (marking is true whoever leads), or sent again by the next leader and absorbed.
    await this.mark().catch((error: Error) => this.logger.warn(`could not mark the last published rows: ${error.message}`));
    await this.lease.release();
  }

  /** Stops before the data source and NATS close (they close in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * After a commit of this replica: the leader sends `rows` (what the commit wrote, as written) at
   * once without reading them back, or reads the outbox when it is not told which rows (an event
   * handler's transaction); a replica that does not lead tells the leader with a notification on the
   * outbox's channel, one at a time however many commits (a notifying transaction takes a
   * database-wide lock at commit, so not one per commit).
   */
  committed(rows: readonly OutboxRow[] = []): void {
    if (!this.started) return;
    if (!this.lease.held) return this.notifyLeader();
    if (rows.length > 0 && this.direct.length + rows.length <= this.options.relayBatchSize * BATCHES_IN_FLIGHT) this.direct.push(...rows);
    else this.readPending = true; // not told, or too many waiting: the read finds them
    this.kick(false);
  }

  /** Wakes the leader, whichever replica it is, with a notification on the outbox's channel. */
  private notifyLeader(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.dataSource
      .query(`SELECT pg_notify(current_schema() || '.outbox', '')`)
      .catch((error: Error) => this.logger.warn(`could not wake the relay's leader, its sweep will find the rows: ${error.message}`))
      .finally(() => {
        this.notifying = undefined;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notifyLeader();
        }
      });
  }

  /** Asks for a publishing round, which reads the outbox unless `read` is false; a round already under way runs once more instead. */
  kick(read = true): void {
    if (!this.started) return;
    if (read) this.readPending = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().then((done) => {
      this.running = undefined;
      // A kick that came as the round ended (after its last look at `again`) gets a round of its own.
      if (done && this.again) this.kick(false);
    });
  }

  /** Publishes until nothing is pending; for tests and tools. */
  async flush(): Promise<void> {
    if (!this.js) this.js = this.nc.jetstream();
    // As a round of its own (`running`), so that a kick meanwhile waits for it instead of sending the same rows beside it.
    while (this.running) await this.running;
    this.readPending = true;
    const round = (this.running = this.round().then(() => {
      this.running = undefined;
    }));
    await round;
    await this.mark();
  }

  /** Publishes until nothing is pending, then marks and prunes; answers whether it led and got through. */
  private async round(): Promise<boolean> {
    try {
      const led = this.lease.held;
      if (!(await this.lead())) {
        // The lease was lost since these rows were handed over: the leader is told of them.
        if (this.direct.length > 0) this.notifyLeader();
        this.direct = [];
        return false;
      }
      if (!led) this.readPending = true; // a lease just taken: whatever is pending
      for (;;) {
        this.again = false;
        await this.drain();
        // While commits keep the round going, what was acknowledged is still marked within MARK_AFTER_MS.
        this.markSoon();
        if (this.again && this.started) continue;
        await this.prune();
        // Kicked while pruning: rows committed meanwhile are read now, not at the sweep.
        if (!this.again || !this.started) {
          this.markSoon();
          return true;
        }
      }
    } catch (error) {
      this.logger.warn(`outbox relay round failed, the sweep will retry: ${(error as Error).message}`);
      // What was handed over and not acknowledged is pending in the outbox: read by the next round.
      this.direct = [];
      this.readPending = true;
      this.held = new Set(this.unmarked.map((r) => r.seq));
      // What was acknowledged is published whoever leads next: marked now if the database answers.
      await this.mark().catch(() => undefined);
      await this.lease.release();
      return false;
    }
  }

  /** Has a round run MARK_AFTER_MS from now if rows wait to be marked and nothing else marks them first. */
  private markSoon(): void {
    if (this.unmarked.length === 0 || this.markTimer || !this.started) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = undefined;
      if (this.unmarked.length > 0) this.kick();
    }, MARK_AFTER_MS);
    this.markTimer.unref();
  }

  /** Takes (or keeps) the lease of this service's outbox; false if another replica holds it. */
  private async lead(): Promise<boolean> {
    return this.lease.held || this.lease.acquire();
  }

  private async drain(): Promise<void> {
    const js = (this.js ??= this.nc.jetstream());
    const inFlight: Promise<Refusal[]>[] = [];
    const refusals: Refusal[] = [];
    let after = '0';
    let reading: unknown;
    const sendBatch = async (rows: OutboxRow[]): Promise<void> => {
      // A leader whose lease ran out (it could not renew) stops: another replica may lead by now.
      if (!this.lease.held) throw new Error('the relay lease ran out before it could be renewed');
      for (const row of rows) this.held.add(row.seq);
      const sending = this.send(js, rows);
      // Handled now, judged below: a batch that fails while the next one is read must not be an
      // unhandled rejection, which ends the process (and then the next replica that leads).
      sending.catch(() => undefined);
      inFlight.push(sending);
      if (inFlight.length >= BATCHES_IN_FLIGHT) refusals.push(...((await inFlight.shift()) ?? []));
    };
    try {
      // What this replica committed, as written: no read.
      const direct = this.direct.splice(0);
      for (let i = 0; i < direct.length; i += this.options.relayBatchSize) await sendBatch(direct.slice(i, i + this.options.relayBatchSize));
      // A read asked for meanwhile comes with the next pass (`again`), from the start of the outbox.
      const read = this.readPending;
      this.readPending = false;
      while (read) {
        if (!this.lease.held) throw new Error('the relay lease ran out before it could be renewed');
        const rows = await this.markAndRead(after);
        if (rows.length === 0) break;
        after = rows[rows.length - 1].seq;
        // Rows this relay has sent and not marked (handed over, in flight or acknowledged meanwhile) are not sent twice.
        const fresh = rows.filter((row) => !this.held.has(row.seq));
        if (fresh.length > 0) await sendBatch(fresh);
        if (rows.length < this.options.relayBatchSize) break;
      }
    } catch (error) {
      reading = error;
    }
    // Every batch sent is awaited, whatever happened, before the round ends.
    const results = await Promise.allSettled(inFlight);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (reading ?? failed) throw reading ?? failed?.reason;
    for (const r of results) if (r.status === 'fulfilled') refusals.push(...r.value);
    if (refusals.length > 0) await this.judge(refusals);
  }

  /**
   * Marks the rows acknowledged since the last statement (`unmarked`) and reads the next pending
   * batch after `after`, in one statement (`outbox_next_batch`). The read sees the outbox as it was
   * before the mark (one snapshot), so the rows being marked are left out of it by their `seq`. Rows a refused
   * publish set to wait are passed over until their time: they hold back nothing. If the statement
   * fails, the rows stay to be marked by the next one (until then a new round may send them again:
   * `Nats-Msg-Id` and the consumers' inbox absorb that).
   */
  private async markAndRead(after: string): Promise<OutboxRow[]> {
    const marking = this.unmarked;
    this.unmarked = [];
    try {
      const rows: OutboxRow[] = await this.dataSource.query(NEXT_BATCH, [after, ...columns(marking), this.options.relayBatchSize]);
      for (const r of marking) this.held.delete(r.seq);
      return rows;
    } catch (error) {
      this.unmarked.push(...marking);
      throw error;
    }
  }

  /** Marks what was acknowledged and not yet marked. */
  private async mark(): Promise<void> {
    if (this.unmarked.length === 0) return;
    const marking = this.unmarked;
    this.unmarked = [];
    try {
      await this.dataSource.query(MARK_PUBLISHED, columns(marking));
      for (const r of marking) this.held.delete(r.seq);
    } catch (error) {
      this.unmarked.push(...marking);
      throw error;
    }
  }

  /**
   * Sends a batch (js.publish writes each message before it returns, so batches go out in order) and
   * notes what JetStream acknowledged, to be marked (`unmarked`); answers the rows it refused, with why.
   */
  private async send(js: JetStreamClient, rows: OutboxRow[]): Promise<Refusal[]> {
    const acks = await Promise.allSettled(
      rows.map((row) => {
        const message = outboxMessage(this.options.naming, row);
        return js.publish(message.subject, message.data, message.options).then(() => new Date());
      }),
    );
    for (const [i, row] of rows.entries()) {
      const ack = acks[i];
      // Acknowledged: held until marked. Refused: judged, and read again in its time.
      if (ack.status === 'fulfilled') this.unmarked.push({ seq: row.seq, at: ack.value });
      else this.held.delete(row.seq);
    }
    return rows.flatMap((row, i) => {
      const ack = acks[i];
      return ack.status === 'rejected' ? [{ seq: row.seq, subject: row.subject, error: ack.reason as Error }] : [];
    });
  }

  /**
   * Sorts what JetStream did not acknowledge. NATS unreachable, or its store full: the round ends
   * and the sweep tries again, nothing counted. No stream for a subject of this service's own
   * contexts (deleted under it): the streams are made again and the rows go out next round.
   * Anything else is the row's own (a subject no stream of ours takes, a payload too big): counted,
   * the row waits with back-off and after `relayMaxAttempts` is moved to `outbox_dead_letter`.
   */
  private async judge(refusals: Refusal[]): Promise<void> {
    const outage = refusals.find((r) => isNatsUnreachable(r.error) || isStoreFull(r.error));
    if (outage) throw outage.error;
    const ours = new Set<BoundedContext>(this.options.publishes);
    const streamless = refusals.filter((r) => isNoResponders(r.error) && ours.has(contextOf(r.subject)));
    if (streamless.length > 0) {
      await ensureStreams(await this.nc.jetstreamManager(), this.options.naming, streamless.map((r) => contextOf(r.subject)), this.options.streamMaxAgeDays, this.options.streamLimits);
      this.logger.warn(`${streamless.length} outbox rows found their stream missing; made it again`);
    }
    const own = refusals.filter((r) => !streamless.includes(r)).map((r) => ({ seq: r.seq, reason: r.error.message || String(r.error) }));
    if (own.length === 0) return;
    const moved = await this.deadLetters.refused(own, this.options.relayRetryBaseMs, this.options.relayMaxAttempts);
    this.logger.warn(`${own.length} outbox rows refused by JetStream, sent again later: ${own[0].reason}`);
    for (const row of moved) this.logger.error(`outbox row ${row.id} (${row.subject}) given up after ${this.options.relayMaxAttempts} refusals, moved to outbox_dead_letter: ${row.reason}`);
  }

  private async prune(): Promise<void> {
    if (performance.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = performance.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - interval '${KEEP_PUBLISHED}'`);
  }
}

/**
 * JetStream refused for want of storage (err_code 10047), or the stream is full (its byte or message
 * limit, discard new: "maximum bytes/messages exceeded"): an outage of the store, not the row's fault.
 */
function isStoreFull(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number; description?: string } };
  return e?.api_error?.err_code === 10047 || /insufficient (storage )?resources|maximum (bytes|messages) exceeded/i.test(e?.api_error?.description ?? '');
}

/** Nobody answered the publish: no stream takes its subject (a JetStream refusal carries an api_error instead). */
function isNoResponders(error: unknown): boolean {
  const e = error as { code?: string; api_error?: unknown };
  return e?.code === '503' && !e.api_error;
}

function contextOf(type: string): BoundedContext {
  return type.slice(0, type.indexOf('.')) as BoundedContext;
}
