import type { Schemas } from '../api/client';

export type Canvas = Schemas['CanvasView'];
export type CanvasBlock = keyof Canvas;
export type WorkDomain = Schemas['IdeaView']['workDomain'];
export type Strategy = Schemas['IdeaView']['strategies'][number];
export type Stage = Schemas['IdeaView']['stage'];

/**
 * The API's lists in the order the pages show them. Each is written as a record over the type the
 * OpenAPI document gives, so a value added to or removed from the contract fails the typecheck here
 * instead of going missing from a form.
 */
const inOrder = <T extends string>(positions: Record<T, number>): readonly T[] =>
  (Object.keys(positions) as T[]).sort((a, b) => positions[a] - positions[b]);

/** The nine blocks of the business model canvas and the revenue model, in the canvas' reading order. */
export const CANVAS_BLOCKS = inOrder<CanvasBlock>({
  keyPartners: 0,
  keyActivities: 1,
  keyResources: 2,
  valuePropositions: 3,
  customerRelationships: 4,
  channels: 5,
  customerSegments: 6,
  costStructure: 7,
  revenueStreams: 8,
  revenueModel: 9,
});
export const WORK_DOMAINS = inOrder<WorkDomain>({ green: 0, mobility: 1, hospitality: 2, industry: 3, care: 4, mentoring: 5, other: 6 });
export const STRATEGIES = inOrder<Strategy>({ refuse: 0, rethink: 1, reduce: 2, reuse: 3, repair: 4, refurbish: 5, remanufacture: 6, repurpose: 7, recycle: 8, recover: 9 });

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
