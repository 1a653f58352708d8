import { z } from 'zod';
import { BOUNDED_CONTEXTS } from '../shared/apps';
import { defineRequest, RequestContract } from '../requests/request-contract';
import { pageQuery } from '../partners/partners.requests';

/**
 * Requests every service answers about its own dead letters. Their patterns start with `~.`, which
 * each service's request server reads as its own name (`~.list-dead-letters` is
 * `partners.list-dead-letters` in partners); callers name the service with `deadLetterRequest`.
 */
export const SELF = '~';

export const ListDeadLetters = defineRequest(`${SELF}.list-dead-letters`, z.strictObject({ ...pageQuery }));

export const ReplayDeadLetter = defineRequest(`${SELF}.replay-dead-letter`, z.strictObject({ deadLetterId: z.coerce.number().int().min(1) }));

/** The services that consume events and so keep dead letters. */
export const DEAD_LETTER_SERVICES = BOUNDED_CONTEXTS;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];
export const deadLetterServiceSchema = z.enum(DEAD_LETTER_SERVICES);

/** The same request, addressed to one service. */
export function deadLetterRequest<S extends z.ZodType>(contract: RequestContract<S>, service: DeadLetterService): RequestContract<S> {
  return defineRequest(contract.pattern.replace(`${SELF}.`, `${service}.`), contract.schema);
}

export interface DeadLetterView {
  id: number;
  consumer: string;
  stream: string;
  subject: string;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  deliveries: number;
  createdAt: string;
  replayedAt: string | null;
  /** The message as it was received. */
  payload: string;
}
