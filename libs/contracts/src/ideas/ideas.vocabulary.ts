import { z } from 'zod';

/** The idea's pipeline (ARCHITECTURE.md, "Domain"): draft → … → launched, and parked or withdrawn from any open stage. */
export const IDEA_STAGES = ['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn'] as const;
export type IdeaStage = (typeof IDEA_STAGES)[number];

/** Stages an idea still moves on from; `launched` and `withdrawn` are final, `parked` waits for a hub admin. */
export const OPEN_IDEA_STAGES = ['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot'] as const satisfies readonly IdeaStage[];

/** The R-ladder of circular strategies, from the most to the least circular. */
export const CIRCULAR_STRATEGIES = ['refuse', 'rethink', 'reduce', 'reuse', 'repair', 'refurbish', 'remanufacture', 'repurpose', 'recycle', 'recover'] as const;
export type CircularStrategy = (typeof CIRCULAR_STRATEGIES)[number];

/** The nine blocks of a business model canvas, plus the revenue model. */
export const CANVAS_BLOCKS = [
  'keyPartners',
  'keyActivities',
  'keyResources',
  'valuePropositions',
  'customerRelationships',
  'channels',
  'customerSegments',
  'costStructure',
  'revenueStreams',
  'revenueModel',
] as const;
export type CanvasBlock = (typeof CANVAS_BLOCKS)[number];

export const ideaStageSchema = z.enum(IDEA_STAGES);
export const circularStrategySchema = z.enum(CIRCULAR_STRATEGIES);
/** The UN Sustainable Development Goals, 1 to 17. */
export const sdgSchema = z.number().int().min(1).max(17);
