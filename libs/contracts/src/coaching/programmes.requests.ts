import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { singleLineText } from '../shared/text';
import { timestamp } from '../shared/views';
import { programmeListSchema, programmeViewSchema, programmeRegistrationViewSchema } from './programmes.views';

const programmeSession = z
  .strictObject({ startsAt: timestamp, endsAt: timestamp, location: singleLineText({ min: 1, max: 300 }) })
  .refine((s) => Date.parse(s.startsAt) < Date.parse(s.endsAt), { message: 'a session ends after it starts', path: ['endsAt'] });

/** A hub admin creates a programme: a title, places, and its sessions. */
export const CreateProgramme = defineRequest('coaching.create-programme', {
  input: z.strictObject({ title: singleLineText({ min: 1, max: 200 }), capacity: z.number().int().min(1).max(1000), sessions: z.array(programmeSession).min(1).max(20) }),
  answer: programmeViewSchema,
});

export const ListProgrammes = defineRequest('coaching.list-programmes', {
  input: z.strictObject({}),
  answer: programmeListSchema,
});

export const GetProgramme = defineRequest('coaching.get-programme', {
  input: z.strictObject({ programmeId: z.uuid() }),
  answer: programmeViewSchema,
});

/**
 * Registers the caller, or a colleague (`personId`) of an organisation the caller is org_admin of:
 * confirmed while places last, then waitlisted. The registration is for an organisation of the
 * person's (`organisationId`), which must be given when there is more than one to choose from.
 */
export const RegisterForProgramme = defineRequest('coaching.register-for-programme', {
  input: z.strictObject({ programmeId: z.uuid(), personId: z.uuid().optional(), organisationId: z.uuid().optional() }),
  answer: programmeRegistrationViewSchema,
});

/** Cancels a registration (the registered person, who registered them, a hub admin); a confirmed place goes to the first on the waiting list. */
export const CancelRegistration = defineRequest('coaching.cancel-registration', {
  input: z.strictObject({ programmeId: z.uuid(), registrationId: z.uuid() }),
  answer: programmeRegistrationViewSchema,
});

/** A hub admin records who attended one session of a programme (confirmed registrations). */
export const RecordAttendance = defineRequest('coaching.record-attendance', {
  input: z.strictObject({
    programmeId: z.uuid(),
    sessionId: z.uuid(),
    presentRegistrationIds: z
      .array(z.uuid())
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'each registration once'),
  }),
  answer: programmeViewSchema,
});
