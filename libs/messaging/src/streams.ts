import { Logger } from '@nestjs/common';
import { DiscardPolicy, JetStreamManager, RetentionPolicy, StorageType, StreamConfig } from 'nats';
import { BoundedContext, streamOf } from '@cirkel/contracts';
import { isNatsUnreachable } from './jetstream/infrastructure-failure';

export interface Naming {
  /** Prefix of every subject, `t1a2.` in a test run, empty in production. */
  subjectPrefix: string;
  /** Prefix of every stream name, `T1A2_` in a test run, empty in production. */
  streamPrefix: string;
}

export function streamName(naming: Naming, context: BoundedContext): string {
  return `${naming.streamPrefix}${streamOf(context)}`;
}

export function subjectOf(naming: Naming, type: string): string {
  return `${naming.subjectPrefix}${type}`;
}

/** The event type of a subject read from the wire: the subject without the namespace prefix. */
export function typeOfSubject(naming: Naming, subject: string): string {
  return subject.startsWith(naming.subjectPrefix) ? subject.slice(naming.subjectPrefix.length) : subject;
}

const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000; // ten minutes
const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/** How many servers keep each stream, and how much it may hold (-1: no limit). */
export interface StreamLimits {
  replicas: number;
  maxBytes: number;
  maxMsgs: number;
}

export const NO_STREAM_LIMITS: StreamLimits = { replicas: 1, maxBytes: -1, maxMsgs: -1 };

const logger = new Logger('Streams');

/**
 * Creates or updates the stream of each context, idempotently: file storage, limits retention,
 * events kept `maxAgeDays`, `limits.replicas` servers, at most `maxBytes`/`maxMsgs`. A full stream
 * refuses new events (discard new) rather than dropping old ones a consumer may not have read: the
 * outbox keeps them until there is room. A change the server refuses to make in place (storage,
 * replicas on a single server) is logged and the stream used as it is, never a reason to stop.
 */
export async function ensureStreams(jsm: JetStreamManager, naming: Naming, contexts: readonly BoundedContext[], maxAgeDays: number, limits: StreamLimits = NO_STREAM_LIMITS): Promise<void> {
  for (const context of new Set(contexts)) {
    const config = streamConfig(naming, context, maxAgeDays, limits);
    try {
      await jsm.streams.info(config.name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await jsm.streams.add(config);
        continue;
      } catch (addError) {
        // Another replica may have created it in between.
        if (!String(addError).includes('already in use')) throw addError;
      }
    }
    try {
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!(error as { api_error?: unknown }).api_error) throw error; // NATS unreachable: not the stream's
      logger.warn(`stream ${config.name} kept as it is: the server refused to update it (${(error as Error).message})`);
    }
  }
}

function streamConfig(naming: Naming, context: BoundedContext, maxAgeDays: number, limits: StreamLimits): Partial<StreamConfig> & { name: string } {
  return {
    name: streamName(naming, context),
    subjects: [`${naming.subjectPrefix}${context}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: maxAgeDays * DAY_NS,
    num_replicas: limits.replicas,
    max_bytes: limits.maxBytes,
    max_msgs: limits.maxMsgs,
  };
}

/** How often a service looks again for a stream of another context that its owner has not made yet. */
const STREAM_WAIT_MS = 1_000;

/**
 * The streams of contexts a service reads and does not own: it never changes them (their owner's
 * `ensureStreams` does). One that does not exist yet is waited for until its owner has made it
 * (`wait`: with the production accounts, which refuse a service another's stream, docs/security.md),
 * or else (a development server without accounts, the tests) made as its owner would make it; a
 * refusal to make it is waited out too.
 */
export async function awaitStreams(jsm: JetStreamManager, naming: Naming, contexts: readonly BoundedContext[], maxAgeDays: number, limits: StreamLimits = NO_STREAM_LIMITS, wait = false): Promise<void> {
  for (const context of new Set(contexts)) {
    const config = streamConfig(naming, context, maxAgeDays, limits);
    for (let waited = false; ; waited = true) {
      try {
        await jsm.streams.info(config.name);
        break;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      if (!wait) {
        try {
          await jsm.streams.add(config);
          break;
        } catch (addError) {
          if (String(addError).includes('already in use')) break;
          if (!isPermissionRefusal(addError)) throw addError;
        }
      }
      if (!waited) logger.log(`stream ${config.name} does not exist yet; waiting for its owner (${context}) to make it`);
      await new Promise((resolve) => setTimeout(resolve, STREAM_WAIT_MS));
    }
  }
}

/** The NATS server refused a subject to this connection's user (its account's permissions). */
export function isPermissionRefusal(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'PERMISSIONS_VIOLATION' || /permissions violation/i.test(e?.message ?? '');
}

/** How long a service waits at start for JetStream to answer (a cluster electing its leaders) before it gives up. */
const JETSTREAM_START_PATIENCE_MS = 60_000;

/**
 * Runs `setup` (making streams and consumers at start) again while JetStream does not answer — a
 * cluster that lost a node elects new leaders for a few seconds, and its API times out meanwhile —
 * for up to a minute, so a replica started then waits instead of exiting; any other error at once.
 */
export async function whileJetStreamElects<T>(what: string, setup: () => Promise<T>, patienceMs = JETSTREAM_START_PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await setup();
    } catch (error) {
      if (!isElecting(error) || Date.now() + wait > deadline) throw error;
      logger.warn(`${what}: JetStream did not answer (${(error as Error).message}); trying again in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** No answer, nobody answering the JetStream API yet, or the cluster saying it is not available yet. */
function isElecting(error: unknown): boolean {
  const e = error as { code?: string; api_error?: { description?: string } };
  return isNatsUnreachable(error) || (e?.code === '503' && !e.api_error) || /temporarily unavailable|no suitable peers/i.test(e?.api_error?.description ?? '');
}

export function isNotFound(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number }; code?: string; message?: string };
  return e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10014 || e?.code === '404' || /not found/i.test(e?.message ?? '');
}
