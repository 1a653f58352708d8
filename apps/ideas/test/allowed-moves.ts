import { IdeaStage } from '@cirkel/contracts';

/** Every allowed move, by whom: the pipeline of ARCHITECTURE.md. */
export const ALLOWED: [IdeaStage, IdeaStage, 'lead' | 'admin'][] = [
  ['draft', 'submitted', 'lead'],
  ...(['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot'] as IdeaStage[]).map((s): [IdeaStage, IdeaStage, 'lead'] => [s, 'withdrawn', 'lead']),
  ['submitted', 'screening', 'admin'],
  ['screening', 'coaching', 'admin'],
  ['coaching', 'business_model', 'admin'],
  ['business_model', 'pilot', 'admin'],
  ['pilot', 'launched', 'admin'],
  ...(['submitted', 'screening', 'coaching', 'business_model', 'pilot'] as IdeaStage[]).map((s): [IdeaStage, IdeaStage, 'admin'] => [s, 'parked', 'admin']),
  ['parked', 'screening', 'admin'],
];
