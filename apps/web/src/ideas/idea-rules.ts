import type { Schemas } from '../api/client';

export type Canvas = Schemas['CanvasView'];
export type CanvasBlock = keyof Canvas;
export type WorkDomain = Schemas['IdeaView']['workDomain'];
export type Strategy = Schemas['IdeaView']['strategies'][number];
export type Stage = Schemas['IdeaView']['stage'];

/** The nine blocks of the business model canvas and the revenue model, in the canvas' reading order. */
export const CANVAS_BLOCKS: readonly CanvasBlock[] = [
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
];
export const WORK_DOMAINS: readonly WorkDomain[] = ['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other'];
export const STRATEGIES: readonly Strategy[] = ['refuse', 'rethink', 'reduce', 'reuse', 'repair', 'refurbish', 'remanufacture', 'repurpose', 'recycle', 'recover'];

/** The API's limits (the idea's contract): a block at most 4,000 characters, a title 3–160, a summary 10–4,000. */
export const CANVAS_BLOCK_MAX = 4000;
export const TITLE_MIN = 3;
export const TITLE_MAX = 160;
export const SUMMARY_MIN = 10;
export const SUMMARY_MAX = 4000;
export const JOBS_MAX = 10000;

export const emptyCanvas = (): Canvas => Object.fromEntries(CANVAS_BLOCKS.map((b) => [b, ''])) as Canvas;

/** The blocks still empty: an idea goes on to `business_model` only with none (the ideas service's rule). */
export function emptyCanvasBlocks(canvas: Canvas): CanvasBlock[] {
  return CANVAS_BLOCKS.filter((block) => canvas[block].trim() === '');
}

export interface IdeaDraft {
  title: string;
  summary: string;
  workDomain: WorkDomain;
  strategies: Strategy[];
  expectedJobs: { regular: string; social: string };
  canvas: Canvas;
}

/** Problem keys (texts under `ideaForm.rules`) by field path, as the API names the fields. */
export function ideaDraftProblems(draft: IdeaDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const title = draft.title.trim();
  if (title.length < TITLE_MIN) problems.title = 'titleShort';
  else if (title.length > TITLE_MAX) problems.title = 'titleLong';
  const summary = draft.summary.trim();
  if (summary.length < SUMMARY_MIN) problems.summary = 'summaryShort';
  else if (summary.length > SUMMARY_MAX) problems.summary = 'summaryLong';
  if (draft.strategies.length === 0) problems.strategies = 'strategyNeeded';
  for (const kind of ['regular', 'social'] as const) {
    const value = draft.expectedJobs[kind];
    if (!/^\d+$/.test(value.trim()) || Number(value) > JOBS_MAX) problems[`expectedJobs.${kind}`] = 'jobsNumber';
  }
  for (const block of CANVAS_BLOCKS) {
    if (draft.canvas[block].length > CANVAS_BLOCK_MAX) problems[`canvas.${block}`] = 'blockLong';
  }
  return problems;
}
