import { z } from 'zod';

/** The bounded contexts that own a stream each. */
export const CONTEXTS = ['partners', 'ideas', 'coaching', 'reporting', 'notifications'] as const;
export type Context = (typeof CONTEXTS)[number];

/** The stream of a context: `PARTNERS` on `partners.>`. */
export function streamOf(context: Context): string {
  return context.toUpperCase();
}

export interface EventContract<TSchema extends z.ZodType = z.ZodType> {
  /** The subject and the event type, `<context>.<event>`. */
  readonly type: string;
  readonly version: number;
  readonly context: Context;
  readonly schema: TSchema;
}

export type EventData<C> = C extends EventContract<infer S> ? z.infer<S> : never;

/** Declares one version of one event type. A breaking change is a new version of the same type. */
export function defineEvent<TSchema extends z.ZodType>(type: `${Context}.${string}`, version: number, schema: TSchema): EventContract<TSchema> {
  const context = type.slice(0, type.indexOf('.')) as Context;
  return Object.freeze({ type, version, context, schema });
}
