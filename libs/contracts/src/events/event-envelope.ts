import { z } from 'zod';

/** Who caused an event or a request: a person, or the system itself (a job, a seed, a migration). */
export const actorSchema = z.object({
  kind: z.enum(['person', 'system']),
  personId: z.uuid().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', personId: null };

/**
 * Which aggregate an event is a fact of, and that aggregate's version after it: versions count up
 * by one per event of the aggregate, in commit order, so a consumer keeps the newest fact whatever
 * order the events arrive in (see `aggregateVersionOf`).
 */
export const aggregateVersionSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9-]*$/).max(60),
  id: z.string().min(1).max(200),
  version: z.number().int().min(1),
});
export type AggregateVersion = z.infer<typeof aggregateVersionSchema>;

/** The envelope every event travels in (ARCHITECTURE.md, "Messages"). `data` is checked against the event's own schema. */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/),
  version: z.number().int().min(1),
  hubId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  correlationId: z.string().min(1).max(100),
  causationId: z.string().min(1).max(100).nullable(),
  /** Absent on events published before aggregates were versioned (and on events of no aggregate). */
  aggregate: aggregateVersionSchema.optional(),
  data: z.unknown(),
});

export interface EventEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  hubId: string;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  aggregate?: AggregateVersion;
  data: TData;
}

/**
 * The version to order a read model's facts by: the aggregate's version, or 0 for an event from
 * before versions (every versioned fact wins over it). Write it with `upsertNewest`.
 */
export function aggregateVersionOf(event: Pick<EventEnvelope, 'aggregate'>): number {
  return event.aggregate?.version ?? 0;
}
