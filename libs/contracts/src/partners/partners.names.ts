import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { view } from '../shared/views';

/** A person's display name, as another service may show it. */
export const personNameViewSchema = view('PersonNameView', z.object({ personId: z.uuid(), name: z.string() }));
export type PersonNameView = z.infer<typeof personNameViewSchema>;

/**
 * Display names of people of the request's hub, for a service that shows them to someone who may see
 * them (coaching: a mentor's sessions' participants, the people of an idea's organisation the mentor
 * coaches). Either `personIds` (the known, active ones of the hub; others are left out) or
 * `organisationId` (its active members in the hub, by name). Services only: partners does not know
 * who the asker shows them to, so the asking service decides who may see whose name; a person's token
 * is refused (403). No e-mail address, no role: names only.
 */
export const GetPersonNames = defineRequest('partners.get-person-names', {
  servicesOnly: ['coaching'],
  input: z.union([z.strictObject({ personIds: z.array(z.uuid()).max(500) }), z.strictObject({ organisationId: z.uuid() })]),
  answer: view('PersonNameList', z.object({ items: z.array(personNameViewSchema) })),
});
