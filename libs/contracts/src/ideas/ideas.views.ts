import { z } from 'zod';
import { pageOf } from '../shared/page';
import { timestamp, view } from '../shared/views';
import { workDomainSchema } from '../shared/vocabulary';
import { CANVAS_BLOCKS, circularStrategySchema, ideaStageSchema, sdgSchema } from './ideas.vocabulary';

/** A business model canvas: each block a text (empty when not yet filled). */
export const canvasViewSchema = view('CanvasView', z.object(Object.fromEntries(CANVAS_BLOCKS.map((block) => [block, z.string()])) as Record<(typeof CANVAS_BLOCKS)[number], z.ZodString>));
export type CanvasView = z.infer<typeof canvasViewSchema>;

export const ideaTransitionViewSchema = view(
  'IdeaTransitionView',
  z.object({ from: ideaStageSchema.nullable(), to: ideaStageSchema, by: z.uuid(), at: timestamp, reason: z.string().nullable() }),
);
export type IdeaTransitionView = z.infer<typeof ideaTransitionViewSchema>;

const ideaFacts = {
  id: z.uuid(),
  hubId: z.uuid(),
  title: z.string(),
  summary: z.string(),
  workDomain: workDomainSchema,
  strategies: z.array(circularStrategySchema),
  sdgs: z.array(sdgSchema),
  expectedJobs: z.object({ regular: z.number().int(), social: z.number().int() }),
  leadOrganisation: z.object({ id: z.uuid(), name: z.string() }),
  stage: ideaStageSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
};

/** An idea in a list: without its canvas and history. */
export const ideaSummaryViewSchema = view('IdeaSummaryView', z.object(ideaFacts));
export type IdeaSummaryView = z.infer<typeof ideaSummaryViewSchema>;

export const COLLABORATION_STATUSES = ['requested', 'accepted', 'declined'] as const;
export type CollaborationStatus = (typeof COLLABORATION_STATUSES)[number];

/** Another organisation's request to work on an idea, and the lead organisation's answer. */
export const collaborationViewSchema = view(
  'CollaborationView',
  z.object({
    id: z.uuid(),
    ideaId: z.uuid(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(COLLABORATION_STATUSES),
    requestedAt: timestamp,
    decidedAt: timestamp.nullable(),
  }),
);
export type CollaborationView = z.infer<typeof collaborationViewSchema>;

/** A move of an idea's stage that the caller may ask for now, and in which role: its lead organisation's member or a hub admin. */
export const ideaMoveViewSchema = view('IdeaMoveView', z.object({ to: ideaStageSchema, by: z.enum(['lead', 'hub_admin']) }));
export type IdeaMoveView = z.infer<typeof ideaMoveViewSchema>;

/**
 * One idea, with its canvas (null until filled), its history (oldest first) and its collaborating
 * organisations, and the mentor who coaches it; the open collaboration requests only for the lead
 * organisation and hub admins.
 */
export const ideaViewSchema = view(
  'IdeaView',
  z.object({
    ...ideaFacts,
    canvas: canvasViewSchema.nullable(),
    history: z.array(ideaTransitionViewSchema),
    collaborators: z.array(z.object({ id: z.uuid(), name: z.string() })),
    mentor: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe("The mentor who accepted the idea (coaching's assignment-accepted), the last one if several; null until one has. The name is empty if coaching did not say it."),
    collaborationRequests: z.array(collaborationViewSchema).nullable().describe('Open requests; null for whoever may not answer them.'),
    moves: z.array(ideaMoveViewSchema).describe("The pipeline's moves from this stage that the caller may ask for (one that needs a mentor or the whole canvas is still refused while it lacks them)."),
  }),
);
export type IdeaView = z.infer<typeof ideaViewSchema>;

export const ideaPageSchema = view('IdeaPage', pageOf(ideaSummaryViewSchema));
