/**
 * What the events benchmark counts on either side (bare JetStream and the backbone), the same way:
 * when each event's write began, when its consumer's transaction committed, when everything was
 * committed and acked, and at the end whether each event is in the consuming table exactly once.
 */
import { JetStreamManager } from 'nats';

/** How long nothing may be committed before a run is given up as stalled (and its losses counted). */
const STALL_MS = 20_000;
/** How often the settled state (every commit visible, every ack in) is asked for once all commits are counted. */
const SETTLE_POLL_MS = 5;
/** How often the consumer's process is asked how many events it has committed. */
const POLL_MS = 10;

/**
 * The moments of an event's way: its write due (paced) and begun, its writer done (committed, and
 * for bare published), published by the relay (the backbone's mark), committed by the consumer.
 */
export type Moment = 'due' | 'begun' | 'written' | 'published' | 'committed';

/** One run of events (numbered 0 … events-1): the moments of each, in performance.now() ms. */
export class Tally {
  private readonly at: Record<Moment, Float64Array>;
  /** Commits counted, a second commit of one event included. */
  committed = 0;
  /** Distinct events committed. */
  distinct = 0;
  /** Consumer transactions that committed events of this run (the events of one share its commit time). */
  transactions = 0;
  firstStart = Number.POSITIVE_INFINITY;
  lastCommit = 0;

  constructor(
    readonly run: number,
    readonly label: string,
    readonly events: number,
  ) {
    const times = (): Float64Array => new Float64Array(events);
    this.at = { due: times(), begun: times(), written: times(), published: times(), committed: times() };
  }

  /** Event n's write was due at `at` and began at `begun` (later, when the writers fall behind a pace). */
  started(n: number, at: number, begun: number = at): void {
    this.at.due[n] = at;
    this.at.begun[n] = begun;
    if (at < this.firstStart) this.firstStart = at;
  }

  /** Event n reached `moment` at `at` (for the writer's end and the relay's mark). */
  reached(n: number, moment: 'written' | 'published', at: number): void {
    this.at[moment][n] = at;
  }

  /** Event n's consuming transaction committed at `at`. */
  committedOne(n: number, at: number): void {
    this.committed++;
    if (at !== this.lastCommit) this.transactions++;
    this.lastCommit = at;
    if (n >= 0 && n < this.events && this.at.committed[n] === 0) {
      this.at.committed[n] = at;
      this.distinct++;
    }
  }

  /** The moments noted in this process as epoch ms (comparable between the bench's processes), 0 where none was noted. */
  moments(which: readonly Moment[]): Partial<Record<Moment, Float64Array>> {
    const origin = performance.timeOrigin;
    return Object.fromEntries(which.map((m) => [m, this.at[m].map((t) => (t > 0 ? t + origin : 0))]));
  }

  /** Takes the moments another process noted (`moments`), with its commit counts when they are the consumer's. */
  adopt(moments: Partial<Record<Moment, Float64Array>>, commits?: { committed: number; distinct: number; transactions: number }): void {
    const origin = performance.timeOrigin;
    for (const [moment, times] of Object.entries(moments) as [Moment, Float64Array][]) {
      this.at[moment] = times.map((t) => (t > 0 ? t - origin : 0));
      if (moment === 'due') this.firstStart = this.at.due.reduce((first, t) => (t > 0 && t < first ? t : first), Number.POSITIVE_INFINITY);
      if (moment === 'committed') this.lastCommit = this.at.committed.reduce((last, t) => Math.max(last, t), 0);
    }
    if (commits) Object.assign(this, commits);
  }

  /** `from` → `to` in ms, of each event that has both moments, sorted. */
  span(from: Moment, to: Moment): number[] {
    const [a, b] = [this.at[from], this.at[to]];
    const out: number[] = [];
    for (let n = 0; n < this.events; n++) if (a[n] > 0 && b[n] > 0) out.push(b[n] - a[n]);
    return out.sort((x, y) => x - y);
  }

  /** Due time (or the write's actual start) → commit of the consumer's transaction. */
  latencies(from: 'due' | 'begun' = 'due'): number[] {
    return this.span(from, 'committed');
  }

  /**
   * Asks another process (the consumer's) how far the run is until every event has committed once
   * (true), or nothing has committed for STALL_MS (false); keeps `distinct` for the progress lines.
   */
  async polledIn(ask: () => Promise<{ committed: number; distinct: number }>): Promise<boolean> {
    let seen = -1;
    let since = performance.now();
    for (;;) {
      const counts = await ask();
      this.distinct = counts.distinct;
      if (counts.distinct >= this.events) return true;
      if (counts.committed !== seen) [seen, since] = [counts.committed, performance.now()];
      else if (performance.now() - since > STALL_MS) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Prints how far the run is every two seconds, until stopped. */
  progress(): () => void {
    const timer = setInterval(() => {
      const seconds = (performance.now() - this.firstStart) / 1000;
      process.stdout.write(`  ${this.label}: ${this.distinct.toLocaleString('en')}/${this.events.toLocaleString('en')} committed and counted, ${seconds.toFixed(1)} s\n`);
    }, 2000);
    return () => clearInterval(timer);
  }
}

/** Messages of a stream's consumers not yet acked (delivered or not): zero once every ack is in. */
export async function unacked(jsm: JetStreamManager, stream: string): Promise<number> {
  let total = 0;
  for await (const info of jsm.consumers.list(stream)) total += info.num_ack_pending + info.num_pending;
  return total;
}

/**
 * Waits until every event of the run has committed in the consumer (`allIn`), then answers the
 * first look that finds the stream's consumers with nothing unacked (performance.now() ms): after
 * the last commit and ack. Undefined when the run stalled.
 */
export async function settle(jsm: JetStreamManager, stream: string, allIn: Promise<boolean>): Promise<number | undefined> {
  if (!(await allIn)) return undefined;
  const deadline = performance.now() + STALL_MS;
  while ((await unacked(jsm, stream)) > 0) {
    if (performance.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return performance.now();
}

export interface Counted {
  rows: number;
  lost: number;
  duplicated: number;
}

/** The query that counts a run in a consuming table (`event_id`, `run`, `n`), for `countOnce`. */
export function countQuery(table: string): string {
  return `SELECT count(*)::int AS rows, count(DISTINCT n)::int AS events, count(DISTINCT event_id)::int AS ids,
                 count(*) FILTER (WHERE n < 0 OR n >= $2)::int AS strange
            FROM ${table} WHERE run = $1`;
}

/** Reads the count of a run: every event exactly once means rows = events = ids = N. */
export function countOnce(tally: Tally, row: { rows: number; events: number; ids: number; strange: number }): Counted {
  if (row.strange > 0) throw new Error(`${tally.label}: ${row.strange} rows of events that were never written`);
  if (row.ids !== row.events) throw new Error(`${tally.label}: ${row.ids} ids for ${row.events} events`);
  return { rows: row.rows, lost: tally.events - row.events, duplicated: row.rows - row.events };
}

/**
 * `writers` at once, each taking the next event and writing it alone. Paced (`perSecond`): event n
 * is due at n / perSecond s, and its latency counts from when it was due, so a writer that falls
 * behind shows in the latency instead of hiding it (the actual start is kept too).
 */
export async function oneByOne(tally: Tally, writers: number, perSecond: number | undefined, write: (n: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < tally.events) {
      const n = next++;
      const due = perSecond ? start + (n * 1000) / perSecond : performance.now();
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      tally.started(n, due, performance.now());
      await write(n);
      tally.reached(n, 'written', performance.now());
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
