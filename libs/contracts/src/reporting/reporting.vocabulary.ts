import { z } from 'zod';

/** The ESF+ common indicators at entry (Regulation (EU) 2021/1057, Annex I), as Cirkel records them. */
export const GENDERS = ['woman', 'man', 'non_binary'] as const;
export const AGE_BANDS = ['under_18', '18_29', '30_54', '55_plus'] as const;
export const LABOUR_MARKET_STATUSES = ['unemployed', 'long_term_unemployed', 'inactive', 'employed'] as const;
export const EDUCATION_LEVELS = ['isced_0_2', 'isced_3_4', 'isced_5_8'] as const;
/** The sensitive items: the answer, or that the participant declined to give one (which shows it was asked). */
export const SENSITIVE_ANSWERS = ['yes', 'no', 'declined'] as const;
/** Results at exit and six months after; a participant may have several at once. */
export const PARTICIPANT_RESULTS = ['employed', 'in_education', 'qualification_gained', 'job_searching'] as const;

export const SECTORS = ['regular', 'social'] as const;
export const CONTRACT_TYPES = ['permanent', 'temporary', 'art_60', 'local_service_economy', 'custom_work', 'traineeship', 'other'] as const;

/** Hours per week that make one full-time equivalent. */
export const FULL_TIME_HOURS = 38;

export const genderSchema = z.enum(GENDERS);
export const ageBandSchema = z.enum(AGE_BANDS);
export const labourMarketStatusSchema = z.enum(LABOUR_MARKET_STATUSES);
export const educationSchema = z.enum(EDUCATION_LEVELS);
export const sensitiveAnswerSchema = z.enum(SENSITIVE_ANSWERS);
export const participantResultSchema = z.enum(PARTICIPANT_RESULTS);
export const sectorSchema = z.enum(SECTORS);
export const contractTypeSchema = z.enum(CONTRACT_TYPES);

export type Gender = (typeof GENDERS)[number];
export type Sector = (typeof SECTORS)[number];
export type ContractType = (typeof CONTRACT_TYPES)[number];
export type ParticipantResult = (typeof PARTICIPANT_RESULTS)[number];

/** The schema of each common indicator's answer: the fields of an enrolment and of a participant's view. */
export const indicatorFields = {
  gender: genderSchema,
  ageBand: ageBandSchema,
  labourMarketStatus: labourMarketStatusSchema,
  education: educationSchema,
  disability: sensitiveAnswerSchema,
  thirdCountNational: sensitiveAnswerSchema,
  foreignBackground: sensitiveAnswerSchema,
  minority: sensitiveAnswerSchema,
};

/** Each common indicator and the values it takes: the rows of the ESF export and of `groupBy=indicator`. */
export const INDICATORS = {
  gender: GENDERS,
  ageBand: AGE_BANDS,
  labourMarketStatus: LABOUR_MARKET_STATUSES,
  education: EDUCATION_LEVELS,
  disability: SENSITIVE_ANSWERS,
  thirdCountNational: SENSITIVE_ANSWERS,
  foreignBackground: SENSITIVE_ANSWERS,
  minority: SENSITIVE_ANSWERS,
} as const;
export type Indicator = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as Indicator[];

/** A calendar day, `2026-11-30`. */
export const reportingDay = z.iso.date();
