/**
 * Whether an error says the infrastructure failed (the database or NATS unreachable, a connection
 * cut, the server shutting down, a transaction that lost a conflict with another) rather than the handler: such a failure is waited out and never
 * counts towards dead-lettering an event. Read from the error and what it wraps (TypeORM's
 * `driverError`, `cause`).
 */
export function isInfrastructureFailure(error: unknown): boolean {
  for (let e = error as Failure | undefined, depth = 0; e && depth < 5; depth++) {
    if (isInfrastructure(e)) return true;
    e = e.driverError ?? (e.cause as Failure | undefined);
  }
  return false;
}

interface Failure {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  driverError?: Failure;
  cause?: unknown;
}

/**
 * Postgres SQLSTATEs: class 08 (connection exception), 53 (insufficient resources: too many
 * connections, disk full) and 57P01..57P03 (the server is shutting down, crashed, or not accepting
 * connections yet); and a transaction that lost to another one — 40001 (serialization failure),
 * 40P01 (deadlock), 55P03 (lock not available) — which says nothing of the event either (two
 * handlers of one event, or two replicas, met on a row) and goes through when tried again. 57014
 * (a statement timeout or cancel) is not one: a handler that is always too slow must end as a dead
 * letter, not be retried for ever.
 */
const PG_INFRASTRUCTURE = /^(08|53)[0-9A-Z]{3}$|^57P0[123]$|^40001$|^40P01$|^55P03$/;

/** Node's socket errors: the peer refused, reset, vanished or was not found. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** nats.js codes of a connection that is closed, draining or lost, or of a request nobody answered in time. */
const NATS_UNREACHABLE = new Set(['CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'CONNECTION_REFUSED', 'CONNECTION_TIMEOUT', 'DISCONNECT', 'TIMEOUT']);

/**
 * Whether NATS could not be reached at all (as opposed to answering with a refusal). For a handler,
 * "no responders" (503) is one too; for the relay it is the answer to a subject no stream takes.
 */
export function isNatsUnreachable(error: unknown): boolean {
  const e = error as Failure | undefined;
  return e?.name === 'NatsError' && typeof e.code === 'string' && NATS_UNREACHABLE.has(e.code);
}

/** pg and pg-pool report a lost or unobtainable connection without a code; TypeORM, a data source not (yet) connected. */
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|Cannot use a pool after calling end|Client was closed and is not queryable/i;

function isInfrastructure(e: Failure): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (PG_INFRASTRUCTURE.test(code) || SOCKET_ERRORS.has(code))) return true;
  if (isNatsUnreachable(e) || (e.name === 'NatsError' && code === '503')) return true;
  if (e.name === 'ConnectionIsNotSetError' || e.name === 'CannotExecuteNotConnectedError') return true;
  return typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message);
}
