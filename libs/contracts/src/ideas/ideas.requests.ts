import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { pageQuery } from '../shared/page';
import { multiLineText, singleLineText } from '../shared/text';
import { distinctOf, workDomainSchema } from '../shared/vocabulary';
import { collaborationViewSchema, ideaPageSchema, ideaViewSchema } from './ideas.views';
import { CANVAS_BLOCKS, CIRCULAR_STRATEGIES, circularStrategySchema, ideaStageSchema, sdgSchema } from './ideas.vocabulary';

export const canvasSchema = z.strictObject(
  Object.fromEntries(CANVAS_BLOCKS.map((block) => [block, multiLineText({ min: 0, max: 4_000 }).default('')])) as Record<
    (typeof CANVAS_BLOCKS)[number],
    z.ZodDefault<ReturnType<typeof multiLineText>>
  >,
);

const jobs = z.number().int().min(0).max(10_000);

const ideaFields = {
  title: singleLineText({ min: 3, max: 160 }),
  summary: multiLineText({ min: 10, max: 4_000 }),
  workDomain: workDomainSchema,
  strategies: distinctOf(CIRCULAR_STRATEGIES, 'strategy').min(1, 'at least one circular strategy'),
  sdgs: z
    .array(sdgSchema)
    .max(17)
    .refine((a) => new Set(a).size === a.length, 'each SDG once')
    .default([]),
  expectedJobs: z.strictObject({ regular: jobs, social: jobs }),
};

/**
 * A draft idea of the caller's organisation. A caller in more than one organisation names the lead
 * organisation; it must be an active partner.
 */
export const CreateIdea = defineRequest('ideas.create-idea', {
  input: z.strictObject({ ...ideaFields, leadOrganisationId: z.uuid().optional(), canvas: canvasSchema.optional() }),
  answer: ideaViewSchema,
});

export const GetIdea = defineRequest('ideas.get-idea', {
  input: z.strictObject({ ideaId: z.uuid() }),
  answer: ideaViewSchema,
});

/** Ideas the caller may see, newest first; filters combine. `q` searches title and summary in Dutch (stemmed). */
export const ListIdeas = defineRequest('ideas.list-ideas', {
  input: z.strictObject({
    ...pageQuery,
    stage: ideaStageSchema.optional(),
    workDomain: workDomainSchema.optional(),
    strategy: circularStrategySchema.optional(),
    organisation: z.uuid().optional(),
    q: singleLineText({ min: 1, max: 100 }).optional(),
    order: z.enum(['newest', 'oldest']).default('newest').describe('By when the idea was drafted: newest first, or oldest first (a queue, such as screening). A cursor pages on in the order it came from.'),
  }),
  answer: ideaPageSchema,
});

/** The lead organisation's first submission: draft → submitted (ideas.submitted and ideas.stage-changed). */
export const SubmitIdea = defineRequest('ideas.submit-idea', {
  input: z.strictObject({ ideaId: z.uuid() }),
  answer: ideaViewSchema,
});

/** Moves an idea to another stage, by the rules of the pipeline (409 naming the rule when they refuse). */
export const TransitionIdea = defineRequest('ideas.transition-idea', {
  input: z.strictObject({ ideaId: z.uuid(), to: ideaStageSchema, reason: multiLineText({ min: 3, max: 1_000 }).optional() }),
  answer: ideaViewSchema,
});

/** Changes to an idea's description, by its lead organisation's members or a hub admin, while it is not launched or withdrawn. */
export const UpdateIdea = defineRequest('ideas.update-idea', {
  input: z.strictObject({
    ideaId: z.uuid(),
    changes: z
      .strictObject({
        title: ideaFields.title.optional(),
        summary: ideaFields.summary.optional(),
        workDomain: ideaFields.workDomain.optional(),
        strategies: ideaFields.strategies.optional(),
        sdgs: z
          .array(sdgSchema)
          .max(17)
          .refine((a) => new Set(a).size === a.length, 'each SDG once')
          .optional(),
        expectedJobs: ideaFields.expectedJobs.optional(),
      })
      .refine((c) => Object.keys(c).length > 0, 'change at least one field'),
  }),
  answer: ideaViewSchema,
});

/** The whole business model canvas, replaced: by the lead organisation, its collaborators and hub admins. */
export const PutCanvas = defineRequest('ideas.put-canvas', {
  input: z.strictObject({ ideaId: z.uuid(), canvas: canvasSchema }),
  answer: ideaViewSchema,
});

/** Another organisation (the caller's, or the one they name) asks to work on a submitted idea. */
export const RequestCollaboration = defineRequest('ideas.request-collaboration', {
  input: z.strictObject({ ideaId: z.uuid(), organisationId: z.uuid().optional() }),
  answer: collaborationViewSchema,
});

/** The lead organisation accepts or declines a collaboration request (ideas.collaborator-joined when accepted). */
export const DecideCollaboration = defineRequest('ideas.decide-collaboration', {
  input: z.strictObject({ ideaId: z.uuid(), requestId: z.uuid(), accept: z.boolean() }),
  answer: collaborationViewSchema,
});
