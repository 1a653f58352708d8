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

/** One idea, with its canvas (null until filled) and its history, oldest first. */
export const ideaViewSchema = view('IdeaView', z.object({ ...ideaFacts, canvas: canvasViewSchema.nullable(), history: z.array(ideaTransitionViewSchema) }));
export type IdeaView = z.infer<typeof ideaViewSchema>;

export const ideaPageSchema = view('IdeaPage', pageOf(ideaSummaryViewSchema));
