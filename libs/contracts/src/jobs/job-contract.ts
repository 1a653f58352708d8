import { z } from 'zod';

import { BoundedContext } from '../shared/apps';

/** How long to wait before the next attempt: the same delay each time, or doubling from it. */
export interface JobBackoff {
  readonly type: 'fixed' | 'exponential';
  readonly delayMs: number;
}

/** What every job of a type gets unless the one who adds it says otherwise. */
export interface JobDefaults {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  readonly backoff: JobBackoff;
}

export interface JobContract<TSchema extends z.ZodType = z.ZodType> {
  /** The job's name and the name of its queue, `<context>.<job>`. */
  readonly name: string;
  readonly context: BoundedContext;
  /** The job's data; checked when the job is added and again in the worker. */
  readonly schema: TSchema;
  readonly defaults: JobDefaults;
}

/** The data a worker is handed (after parsing). */
export type JobData<C> = C extends JobContract<infer S> ? z.output<S> : never;
/** The data one adds (before parsing: defaults may be left out). */
export type JobInput<C> = C extends JobContract<infer S> ? z.input<S> : never;

export const DEFAULT_JOB_DEFAULTS: JobDefaults = Object.freeze({
  attempts: 5,
  backoff: Object.freeze({ type: 'exponential', delayMs: 1000 }),
});

// A queue name may not hold ':' (BullMQ's key separator); keep it to what a subject looks like.
const JOB_NAME = /^[a-z]+\.[a-z][a-z0-9-]*$/;

/**
 * Declares a job type: its name (which is also its queue's name), the schema of its data and its
 * defaults. A job never holds the only copy of a fact: the data points at something in Postgres.
 */
export function defineJob<TSchema extends z.ZodType>(
  name: `${BoundedContext}.${string}`,
  schema: TSchema,
  defaults: Partial<JobDefaults> = {},
): JobContract<TSchema> {
  if (!JOB_NAME.test(name)) throw new Error(`job name "${name}": <context>.<kebab-case job>, lower-case letters, digits and dashes`);
  const attempts = defaults.attempts ?? DEFAULT_JOB_DEFAULTS.attempts;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`job ${name}: attempts must be a whole number of at least 1`);
  const context = name.slice(0, name.indexOf('.')) as BoundedContext;
  return Object.freeze({
    name,
    context,
    schema,
    defaults: Object.freeze({ attempts, backoff: Object.freeze({ ...(defaults.backoff ?? DEFAULT_JOB_DEFAULTS.backoff) }) }),
  });
}
