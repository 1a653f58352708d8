import type { Schemas } from '../api/client';

type Stage = Schemas['IdeaView']['stage'];

/**
 * Where a hub admin can move an idea from each stage: a copy of the pipeline's hub-admin moves
 * (apps/ideas/src/ideas/idea-pipeline.rules.ts, MOVES) to offer only those; the API decides, and
 * answers a move it refuses (or one that needs a mentor or the canvas) with its problem.
 */
const ADMIN_MOVES: Partial<Record<Stage, Stage[]>> = {
  submitted: ['screening', 'parked'],
  screening: ['coaching', 'parked'],
  coaching: ['business_model', 'parked'],
  business_model: ['pilot', 'parked'],
  pilot: ['launched', 'parked'],
  parked: ['screening'],
};

export function adminMovesFrom(stage: Stage): Stage[] {
  return ADMIN_MOVES[stage] ?? [];
}
