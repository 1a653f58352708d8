import { z } from 'zod';
import { timestamp, view } from '../shared/views';
import { workDomainSchema } from '../shared/vocabulary';

/**
 * `expired`: the mentor did not answer in time (COACHING_PROPOSAL_TIMEOUT_HOURS) and the idea went on;
 * `withdrawn`: a hub admin proposed the idea to another mentor by hand before this one answered.
 */
export const ASSIGNMENT_STATUSES = ['proposed', 'accepted', 'declined', 'expired', 'withdrawn', 'ended'] as const;
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

/** A mentor weighed for an idea (hub admins): the facts matching ranks by, and whether it would propose them. */
export const mentorSuggestionSchema = view(
  'MentorSuggestion',
  z.object({
    personId: z.uuid(),
    name: z.string(),
    eligible: z.boolean().describe('Matching would propose the idea to them: a free place, available now, not asked before.'),
    inDomain: z.boolean().describe("Lists the idea's work domain."),
    workDomains: z.array(workDomainSchema),
    capacity: z.number().int(),
    load: z.number().int(),
    free: z.number().int().describe('Places free: capacity less load.'),
    availableNow: z.boolean(),
    unavailableUntil: timestamp.nullable(),
    askedBefore: z.boolean().describe('Was proposed this idea before (declined, expired or withdrawn).'),
    openProposalSince: timestamp.nullable().describe("When the idea's open proposal to them was made: it waits for their answer; null when none does."),
    reasons: z.array(z.string()).describe('The same facts in words (English), as matching logs them.'),
  }),
);
export type MentorSuggestion = z.infer<typeof mentorSuggestionSchema>;

export const mentorSuggestionListSchema = view('MentorSuggestionList', z.object({ ideaId: z.uuid(), items: z.array(mentorSuggestionSchema) }));
