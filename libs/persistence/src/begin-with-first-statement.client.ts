import { Client, ClientConfig, QueryResult } from 'pg';

/** The statement TypeORM opens every transaction with (`PostgresQueryRunner.startTransaction`). */
const START = 'START TRANSACTION';

/** What a statement answered here without being sent answers: the command tag PostgreSQL would send. */
function answered(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] };
}

/** The ends of a transaction, as TypeORM sends them: after a start not yet sent, nothing need be sent. */
const ENDS = new Set(['COMMIT', 'ROLLBACK']);

/**
 * A `pg` client that sends a transaction's `START TRANSACTION` together with its first statement:
 * one round trip fewer for every transaction. TypeORM awaits `START TRANSACTION` before it sends
 * anything else, so a transaction took a round trip (two socket writes, two wake-ups of the backend)
 * to say only that it begins; on a one-event transaction of the outbox that was one of three
 * (docs/measurements.md, "where the CPU goes").
 *
 * The client runs in `pg`'s pipeline mode (8.23+: a query is written as soon as it is issued, the
 * answers matched in order), and answers `START TRANSACTION` at once without sending it; the next
 * statement writes it first, and both leave in one socket write (the stream corked around them).
 * The statement's answer waits for both: should `START TRANSACTION` fail (it can only if the
 * connection does), so does the statement. A transaction with no statement sends nothing at all
 * (its `COMMIT` or `ROLLBACK` is answered here), and a client given back to the pool forgets a
 * start not sent. Everything else passes as it is; as TypeORM awaits each statement, one
 * query runner never has more than the pair in flight. Not for cursors or streams (`pg-query-stream`,
 * `rows`), which a pipelined connection refuses: Cirkel uses neither.
 */
export class BeginWithFirstStatementClient extends Client {
  private startDeferred = false;

  constructor(config?: string | ClientConfig) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), pipeline: true });
  }

  // pg's overloads (promise, callback, submittable) are kept: only the promise form of a plain query is
  // touched. One signature for them all, which TypeScript accepts only with an answer of `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: unknown, values?: unknown, callback?: unknown): any {
    const args = [config, values, callback].slice(0, callback !== undefined ? 3 : values !== undefined ? 2 : 1) as Parameters<Client['query']>;
    const promiseForm = typeof values !== 'function' && callback === undefined && !isSubmittable(config);
    if (!promiseForm) return this.sendDeferredThen(() => super.query(...args));
    if (config === START && values === undefined && !this.startDeferred) {
      this.startDeferred = true;
      return Promise.resolve(answered('BEGIN'));
    }
    if (config === 'COMMIT' && values === undefined && !this.startDeferred) return this.commit();
    if (!this.startDeferred) return super.query(...args);
    if (typeof config === 'string' && values === undefined && ENDS.has(config)) {
      this.startDeferred = false;
      return Promise.resolve(answered(config));
    }
    this.startDeferred = false;
    const stream = (this as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } }).connection.stream;
    stream.cork();
    try {
      const start = (super.query as (text: string) => Promise<QueryResult>)(START);
      const statement = super.query(...args) as unknown as Promise<QueryResult>;
      // Both answers are awaited; a failed start is reported (the statement then fails too: same connection).
      return Promise.all([start, statement]).then(([, result]) => result);
    } finally {
      stream.uncork();
    }
  }

  /**
   * `COMMIT` of a transaction a statement of which failed is answered `ROLLBACK`, without an error:
   * with statements pipelined ahead of it (an outbox write sent and not awaited, `UnitOfWork`) that
   * would be a commit reported that did not happen. Here it is an error.
   */
  private commit(): Promise<QueryResult> {
    return (super.query as (text: string) => Promise<QueryResult>)('COMMIT').then((result) => {
      if (result.command === 'ROLLBACK') throw new TransactionRolledBackError();
      return result;
    });
  }

  /**
   * The pool sets `release` on a client it lends (pg-pool); the client given back forgets a start it
   * has not sent, so that the next borrower's first statement does not open a transaction.
   */
  set release(release: (error?: Error | boolean) => void) {
    this.giveBack = release;
  }

  get release(): (error?: Error | boolean) => void {
    return (error) => {
      this.startDeferred = false;
      this.giveBack?.(error);
    };
  }

  private giveBack?: (error?: Error | boolean) => void;

  /** A callback or submittable query after a deferred start: the start goes first, as its own query. */
  private sendDeferredThen<T>(send: () => T): T {
    if (this.startDeferred) {
      this.startDeferred = false;
      (super.query as (text: string) => Promise<QueryResult>)(START).catch(() => undefined);
    }
    return send();
  }
}

/** A `COMMIT` that PostgreSQL answered with `ROLLBACK`: a statement of the transaction had failed. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('the transaction was rolled back at COMMIT: one of its statements had failed');
    this.name = 'TransactionRolledBackError';
  }
}

function isSubmittable(config: unknown): boolean {
  return typeof (config as { submit?: unknown } | null)?.submit === 'function';
}
