import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { workDomainSchema } from '../shared/vocabulary';
import { circularStrategySchema, ideaStageSchema } from './ideas.vocabulary';

const IDEA = { type: 'idea', id: (data: { ideaId: string }) => data.ideaId };

/** An idea left draft for the first time: coaching matches it with a mentor, notifications tells the mentors of its domain. */
export const IdeaSubmitted = defineEvent(
  'ideas.submitted',
  1,
  z.object({
    ideaId: z.uuid(),
    title: z.string().min(1),
    workDomain: workDomainSchema,
    strategies: z.array(circularStrategySchema),
    leadOrganisationId: z.uuid(),
  }),
  IDEA,
);
export const IDEA_SUBMITTED = IdeaSubmitted.type;

/** Every move of an idea through the pipeline, with who and why. */
export const IdeaStageChanged = defineEvent(
  'ideas.stage-changed',
  1,
  z.object({ ideaId: z.uuid(), from: ideaStageSchema, to: ideaStageSchema, reason: z.string().nullable(), leadOrganisationId: z.uuid() }),
  IDEA,
);
export const IDEA_STAGE_CHANGED = IdeaStageChanged.type;

/** An organisation joined an idea as a collaborator (the lead organisation accepted its request). */
export const CollaboratorJoined = defineEvent(
  'ideas.collaborator-joined',
  1,
  z.object({ ideaId: z.uuid(), organisationId: z.uuid(), leadOrganisationId: z.uuid() }),
  IDEA,
);
export const COLLABORATOR_JOINED = CollaboratorJoined.type;

export const IDEAS_EVENTS = [IdeaSubmitted, IdeaStageChanged, CollaboratorJoined] as const;
