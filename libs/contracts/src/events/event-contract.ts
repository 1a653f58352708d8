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
  /** The aggregate an event of this type is a fact of; the outbox gives each such event the aggregate's next version. */
  readonly aggregate?: AggregateOfEvent<z.output<TSchema>>;
}

/** Names an event's aggregate: its type (`organisation`, `hub-roles`) and how to find its id in the event's data. */
export interface AggregateOfEvent<TData> {
  readonly type: string;
  id(data: TData): string;
}

export type EventData<C> = C extends EventContract<infer S> ? z.infer<S> : never;

/** The envelope of an event of contract `C`, as a handler receives it: `EventOf<typeof OrganisationRegistered>`. */
export type EventOf<C> = EventEnvelope<EventData<C>>;

/**
 * Declares one version of one event type. A breaking change is a new version of the same type.
 * An event that changes an aggregate names it, so its consumers can order its facts.
 */
export function defineEvent<TSchema extends z.ZodType>(
  type: `${BoundedContext}.${string}`,
  version: number,
  schema: TSchema,
  aggregate?: AggregateOfEvent<z.output<TSchema>>,
): EventContract<TSchema> {
  const context = type.slice(0, type.indexOf('.')) as BoundedContext;
  return Object.freeze({ type, version, context, schema, aggregate });
}
