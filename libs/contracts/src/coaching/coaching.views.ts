import { z } from 'zod';
import { timestamp, view } from '../shared/views';
import { workDomainSchema } from '../shared/vocabulary';

/** `expired`: the mentor did not answer in time (COACHING_PROPOSAL_TIMEOUT_HOURS) and the idea went on. */
export const ASSIGNMENT_STATUSES = ['proposed', 'accepted', 'declined', 'expired', 'ended'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** A mentor as coaching knows them: the role from partners, the profile from themselves, the load from their assignments. */
export const mentorViewSchema = view(
  'MentorView',
  z.object({
    personId: z.uuid(),
    name: z.string(),
    active: z.boolean().describe('Holds the mentor role now.'),
    workDomains: z.array(workDomainSchema),
    capacity: z.number().int().describe('Ideas at once.'),
    load: z.number().int().describe('Ideas accepted and not ended.'),
    bio: z.string(),
    unavailableUntil: timestamp.nullable(),
  }),
);
export type MentorView = z.infer<typeof mentorViewSchema>;

export const mentorListSchema = view('MentorList', z.object({ items: z.array(mentorViewSchema) }));

/** A mentor proposed for (or coaching) an idea. */
export const assignmentViewSchema = view(
  'AssignmentView',
  z.object({
    id: z.uuid(),
    idea: z.object({ id: z.uuid(), title: z.string(), workDomain: workDomainSchema }),
    mentor: z.object({ personId: z.uuid(), name: z.string() }),
    status: z.enum(ASSIGNMENT_STATUSES),
    proposedAt: timestamp,
    decidedAt: timestamp.nullable(),
  }),
);
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const assignmentListSchema = view('AssignmentList', z.object({ items: z.array(assignmentViewSchema) }));
