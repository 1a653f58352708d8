import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The payload of the outbox channel's notification when a leader gives its lease back: another replica takes over at once. */
export const RESIGNED = 'resigned';

/**
 * Leadership of a service's outbox relay: a lease with an expiry (`outbox_relay_lease`, one row per
 * schema, Postgres's clock). A replica takes it when it is free or expired; the leader renews it
 * every third of its length and leads only while its last renewal is younger than the lease, by
 * its own clock, counted from when the renewal was sent (so never longer than the table grants).
 * A leader that cannot renew — its database unreachable, its host gone, a renewal unanswered —
 * stops relaying when that time is up, and another replica takes over once the row has expired.
 * Nothing is held open: no connection, no session lock, nothing for TCP keepalive to detect.
 */
export class RelayLease {
  private readonly logger = new Logger(RelayLease.name);
  private readonly holder = randomUUID();
  /** performance.now() until which this replica may relay. */
  private validUntil = 0;
  private timer?: NodeJS.Timeout;
  private renewal?: Promise<void>;
  /** Whether the table may name this replica: only then is there a row to give back. */
  private taken = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly leaseMs: number,
  ) {}

  /** Whether this replica leads now, by its own clock. */
  get held(): boolean {
    return performance.now() < this.validUntil;
  }

  /** Takes the lease if it is free or has expired, or renews it if it is ours; false if another replica holds it. */
  async acquire(): Promise<boolean> {
    const sentAt = performance.now();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO outbox_relay_lease (holder, expires_at) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE outbox_relay_lease.holder = EXCLUDED.holder OR outbox_relay_lease.expires_at < now()
       RETURNING holder`,
      [this.holder, this.leaseMs],
    );
    if (rows.length === 0) {
      this.stopRenewing();
      return false;
    }
    this.validUntil = sentAt + this.leaseMs;
    this.taken = true;
    if (!this.timer) {
      this.timer = setInterval(() => (this.renewal ??= this.renew().finally(() => (this.renewal = undefined))), this.leaseMs / 3);
      this.timer.unref();
    }
    return true;
  }

  /** Gives the lease back (on shutdown, or after a failed round) and tells the other replicas, so one takes over at once. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.renewal;
    this.validUntil = 0;
    if (!this.taken) return;
    this.taken = false;
    await this.dataSource
      .query(`WITH gone AS (DELETE FROM outbox_relay_lease WHERE holder = $1 RETURNING 1) SELECT pg_notify(current_schema() || '.outbox', $2) FROM gone`, [this.holder, RESIGNED])
      .catch((error: Error) => this.logger.warn(`the relay lease could not be given back; it expires in ${this.leaseMs} ms: ${error.message}`));
  }

  private async renew(): Promise<void> {
    try {
      if (!(await this.acquire())) this.logger.warn('another replica holds the relay lease: this one stops relaying');
    } catch (error) {
      // Tried again at the next renewal; meanwhile this replica stops relaying when its lease runs out.
      this.logger.warn(`the relay lease could not be renewed: ${(error as Error).message}`);
    }
  }

  private stopRenewing(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.validUntil = Math.min(this.validUntil, performance.now());
  }
}
