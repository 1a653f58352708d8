import { z } from 'zod';
import { BoundedContext } from '../shared/apps';
import { EventEnvelope } from './event-envelope';

/** The stream of a context: `PARTNERS` on `partners.>`. */
export function streamOf(context: BoundedContext): string {
  return context.toUpperCase();
}

export interface EventContract<TSchema extends z.ZodType = z.ZodType> {
  /** The subject and the event type, `<context>.<event>`. */
  readonly type: string;
  readonly version: number;
  readonly context: BoundedContext;
  readonly schema: TSchema;
}

export type EventData<C> = C extends EventContract<infer S> ? z.infer<S> : never;

/** The envelope of an event of contract `C`, as a handler receives it: `EventOf<typeof OrganisationRegistered>`. */
export type EventOf<C> = EventEnvelope<EventData<C>>;

/** Declares one version of one event type. A breaking change is a new version of the same type. */
export function defineEvent<TSchema extends z.ZodType>(type: `${BoundedContext}.${string}`, version: number, schema: TSchema): EventContract<TSchema> {
  const context = type.slice(0, type.indexOf('.')) as BoundedContext;
  return Object.freeze({ type, version, context, schema });
}
