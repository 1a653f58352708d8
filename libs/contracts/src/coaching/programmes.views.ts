import { z } from 'zod';
import { timestamp, view } from '../shared/views';

export const PROGRAMME_REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type ProgrammeRegistrationStatus = (typeof PROGRAMME_REGISTRATION_STATUSES)[number];

export const programmeRegistrationViewSchema = view(
  'ProgrammeRegistrationView',
  z.object({
    id: z.uuid(),
    programmeId: z.uuid(),
    personId: z.uuid(),
    status: z.enum(PROGRAMME_REGISTRATION_STATUSES),
    registeredAt: timestamp,
    waitlistPosition: z.number().int().nullable().describe('1 for the first on the waiting list; null unless waitlisted.'),
    attendedSessionIds: z.array(z.uuid()),
  }),
);
export type ProgrammeRegistrationView = z.infer<typeof programmeRegistrationViewSchema>;

/** A training series such as the three afternoons of "1+1=11": its sessions, places, and (for hub admins) every registration. */
export const programmeViewSchema = view(
  'ProgrammeView',
  z.object({
    id: z.uuid(),
    title: z.string(),
    capacity: z.number().int(),
    sessions: z.array(z.object({ id: z.uuid(), startsAt: timestamp, endsAt: timestamp, location: z.string() })),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    myRegistration: programmeRegistrationViewSchema.nullable().describe("The caller's own registration, if any (not cancelled)."),
    registrations: z.array(programmeRegistrationViewSchema).nullable().describe('Every registration (hub admins); null for others.'),
  }),
);
export type ProgrammeView = z.infer<typeof programmeViewSchema>;

export const programmeListSchema = view('ProgrammeList', z.object({ items: z.array(programmeViewSchema) }));
