import { JetStreamManager, RetentionPolicy, StorageType, StreamConfig } from 'nats';
import { BoundedContext, streamOf } from '@cirkel/contracts';

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

/** Creates or updates the stream of each context, idempotently: file storage, limits retention, events kept `maxAgeDays`. */
export async function ensureStreams(jsm: JetStreamManager, naming: Naming, contexts: readonly BoundedContext[], maxAgeDays: number): Promise<void> {
  for (const context of new Set(contexts)) {
    const config: Partial<StreamConfig> & { name: string } = {
      name: streamName(naming, context),
      subjects: [`${naming.subjectPrefix}${context}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: DUPLICATE_WINDOW_NS,
      max_age: maxAgeDays * DAY_NS,
    };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        // Another replica may have created it in between.
        if (!String(addError).includes('already in use')) throw addError;
      }
    }
  }
}

export function isNotFound(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number }; code?: string; message?: string };
  return e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10014 || e?.code === '404' || /not found/i.test(e?.message ?? '');
}
