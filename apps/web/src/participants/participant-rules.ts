import type { Schemas } from '../api/client';

type Body = Schemas['ParticipantView'];

/** The ESF common indicators the form asks, in order; each has a "why" text (participants.why.<key>). */
export const INDICATORS = {
  gender: ['woman', 'man', 'non_binary'],
  ageBand: ['under_18', '18_29', '30_54', '55_plus'],
  labourMarketStatus: ['unemployed', 'long_term_unemployed', 'inactive', 'employed'],
  education: ['isced_0_2', 'isced_3_4', 'isced_5_8'],
  // Sensitive data: the law lets a participant decline to answer.
  disability: ['yes', 'no', 'declined'],
  thirdCountNational: ['yes', 'no', 'declined'],
  foreignBackground: ['yes', 'no', 'declined'],
  minority: ['yes', 'no', 'declined'],
} as const satisfies { [K in keyof Body]?: readonly Body[K][] };

export type Indicator = keyof typeof INDICATORS;
export const INDICATOR_KEYS = Object.keys(INDICATORS) as Indicator[];

export interface ParticipantDraft {
  reference: string;
  entryDate: string;
  answers: Partial<Record<Indicator, string>>;
}

export const REFERENCE_MAX = 100;

/** The rules of the participant form (the contract's): the error key of each field at fault. */
export function participantErrors(draft: ParticipantDraft, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.reference.trim()) errors.reference = 'referenceNeeded';
  else if (draft.reference.trim().length > REFERENCE_MAX) errors.reference = 'referenceLong';
  for (const key of INDICATOR_KEYS) if (!draft.answers[key]) errors[key] = 'answerNeeded';
  if (!draft.entryDate) errors.entryDate = 'entryNeeded';
  else if (draft.entryDate > today) errors.entryDate = 'entryFuture';
  return errors;
}
