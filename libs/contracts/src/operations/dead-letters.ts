import { z } from 'zod';
import { BOUNDED_CONTEXTS } from '../shared/apps';
import { pageOf, pageQuery } from '../shared/page';
import { timestamp, view } from '../shared/views';
import { defineRequest, RequestContract } from '../requests/request-contract';

export const deadLetterViewSchema = view(
  'DeadLetterView',
  z.object({
    id: z.number().int(),
    consumer: z.string(),
    stream: z.string(),
    subject: z.string(),
    eventId: z.string().nullable(),
    eventType: z.string().nullable(),
    reason: z.string(),
    deliveries: z.number().int(),
    createdAt: timestamp,
    replayedAt: timestamp.nullable(),
    payload: z.string().describe('The message as it was received.'),
  }),
);
export type DeadLetterView = z.infer<typeof deadLetterViewSchema>;

export const deadLetterPageSchema = view('DeadLetterPage', pageOf(deadLetterViewSchema));

/**
 * Requests every service answers about its own dead letters. Their names start with `~.`, which
 * each service's request server reads as its own name (`~.list-dead-letters.v1` is
 * `partners.list-dead-letters.v1` in partners); callers name the service with `deadLetterRequest`.
 */
export const SELF = '~';

export const ListDeadLetters = defineRequest(`${SELF}.list-dead-letters`, {
  input: z.strictObject({ ...pageQuery }),
  answer: deadLetterPageSchema,
});

export const ReplayDeadLetter = defineRequest(`${SELF}.replay-dead-letter`, {
  input: z.strictObject({ deadLetterId: z.coerce.number().int().min(1) }),
  answer: deadLetterViewSchema,
});

/** The services that consume events and so keep dead letters. */
export const DEAD_LETTER_SERVICES = BOUNDED_CONTEXTS;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];
export const deadLetterServiceSchema = z.enum(DEAD_LETTER_SERVICES);

/** The same request, addressed to one service. */
export function deadLetterRequest<I extends z.ZodType, A extends z.ZodType>(contract: RequestContract<I, A>, service: DeadLetterService): RequestContract<I, A> {
  return defineRequest(contract.name.replace(`${SELF}.`, `${service}.`), { version: contract.version, input: contract.input, answer: contract.answer });
}
