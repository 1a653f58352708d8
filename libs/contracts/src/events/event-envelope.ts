import { z } from 'zod';

/** Who caused an event or a request: a person, or the system itself (a job, a seed, a migration). */
export const actorSchema = z.object({
  kind: z.enum(['person', 'system']),
  personId: z.uuid().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', personId: null };

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
  data: TData;
}
