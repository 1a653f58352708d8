import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { workDomainSchema } from '../shared/vocabulary';

/** The coaching of one idea: proposals and acceptances of it share a version. */
const IDEA_COACHING = { type: 'idea-coaching', id: (data: { ideaId: string }) => data.ideaId };

/** Matching proposed an idea to a mentor (notifications tells the mentor). */
export const AssignmentProposed = defineEvent(
  'coaching.assignment-proposed',
  1,
  z.object({ assignmentId: z.uuid(), ideaId: z.uuid(), ideaTitle: z.string().min(1), workDomain: workDomainSchema, mentorId: z.uuid() }),
  IDEA_COACHING,
);
export const ASSIGNMENT_PROPOSED = AssignmentProposed.type;

/** A mentor accepted an idea: it may enter the coaching stage. */
export const AssignmentAccepted = defineEvent(
  'coaching.assignment-accepted',
  1,
  z.object({ assignmentId: z.uuid(), ideaId: z.uuid(), mentorId: z.uuid() }),
  IDEA_COACHING,
);
export const ASSIGNMENT_ACCEPTED = AssignmentAccepted.type;

export const COACHING_EVENTS = [AssignmentProposed, AssignmentAccepted] as const;
