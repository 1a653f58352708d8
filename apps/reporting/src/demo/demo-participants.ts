import { CONTRACT_TYPES, ContractType, EnrolParticipant, Gender, InputOf, ParticipantResult, Sector } from '@cirkel/contracts';

/** A small deterministic generator (a linear congruential one), so that every demo run makes the same people. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function weighted<T extends string>(next: () => number, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

export interface DemoParticipant {
  enrolment: Omit<InputOf<typeof EnrolParticipant>, 'organisationId'>;
  exit: { exitDate: string; resultsAtExit: ParticipantResult[]; resultsAfterSixMonths?: ParticipantResult[] } | null;
  /** Placed in an idea of this work domain (the demo's ideas cover each), or not placed. */
  placement: { workDomain: string; sector: Sector; contractType: ContractType; hoursPerWeek: number; startDate: string; endDate: string | null } | null;
}

const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The indicators at entry other than gender, weighted as a job coach's caseload might be. */
function indicators(next: () => number): Omit<DemoParticipant['enrolment'], 'reference' | 'gender' | 'entryDate'> {
  return {
    ageBand: weighted(next, { under_18: 0.3, '18_29': 5, '30_54': 6, '55_plus': 2 }),
    labourMarketStatus: weighted(next, { unemployed: 4, long_term_unemployed: 5, inactive: 2, employed: 0.6 }),
    education: weighted(next, { isced_0_2: 6, isced_3_4: 5, isced_5_8: 0.7 }),
    disability: weighted(next, { yes: 2, no: 7, declined: 1 }),
    thirdCountNational: weighted(next, { yes: 3, no: 6, declined: 1 }),
    foreignBackground: weighted(next, { yes: 5, no: 4, declined: 1 }),
    minority: weighted(next, { yes: 2, no: 5, declined: 3 }),
  };
}

/**
 * Eighty participants of the demo job coach's organisation, and the jobs the demo ideas found for
 * most of them: spread so that most figures of 2026 are five or more and a few are 1–4 (non-binary,
 * ISCED 5–8, mentoring, traineeships), which the statistics then hide from city staff.
 */
export function demoParticipants(): DemoParticipant[] {
  return [...stillIn(), ...leftSixMonthsAgo()];
}

function stillIn(): DemoParticipant[] {
  const next = generator(20_260_101);
  return Array.from({ length: 80 }, (_, i) => {
    const gender: Gender = i % 31 === 7 ? 'non_binary' : i % 2 === 0 ? 'woman' : 'man';
    const entryYear = i < 12 ? 2025 : 2026;
    const entryMonth = 1 + Math.floor(next() * (entryYear === 2025 ? 12 : 10));
    const placed = i % 8 !== 5;
    const sector = weighted<Sector>(next, { social: 7, regular: 3 });
    const contractType = weighted<ContractType>(next, {
      art_60: 5,
      local_service_economy: 4,
      custom_work: 4,
      permanent: sector === 'regular' ? 5 : 1,
      temporary: 2,
      traineeship: 0.6,
      other: 0,
    } satisfies Record<(typeof CONTRACT_TYPES)[number], number>);
    const startMonth = Math.min(11, entryMonth + 1 + Math.floor(next() * 2));
    const exited = placed && i % 5 === 0;
    const startDate = day(entryYear, startMonth, 1 + ((i * 7) % 27));
    const exitDate = day(2026, 11, 2 + (i % 20));
    return {
      enrolment: {
        reference: `DEMO-${String(i + 1).padStart(4, '0')}`,
        gender,
        ...indicators(next),
        entryDate: day(entryYear, entryMonth, 1 + (i % 27)),
      },
      exit: exited ? { exitDate, resultsAtExit: i % 3 === 0 ? ['employed', 'qualification_gained'] : ['employed'] } : null,
      placement: placed
        ? {
            workDomain: weighted(next, { green: 5, care: 5, hospitality: 4, industry: 3, mobility: 3, mentoring: 0.5, other: 1 }),
            sector,
            contractType,
            hoursPerWeek: [38, 38, 38, 30.4, 19, 19][Math.floor(next() * 6)],
            startDate,
            endDate: exited && exitDate >= startDate ? exitDate : null,
          }
        : null,
    };
  });
}

/** Results six months after exit, in the order the demo hands them out: most employed, a few otherwise (hidden from city staff). */
const SIX_MONTH_RESULTS: ParticipantResult[][] = [
  ['employed'], ['employed', 'qualification_gained'], ['employed'], ['in_education'], ['employed'], ['job_searching'], ['employed', 'qualification_gained'],
  ['employed'], ['in_education', 'qualification_gained'], ['employed'], ['employed'], ['job_searching'], ['employed', 'qualification_gained'], ['employed'],
];

/**
 * Fourteen more who entered in 2025, worked in a job the demo ideas found, and left between
 * October 2025 and May 2026: their six months have ended, so the demo has results six months after
 * exit (counted in 2026, when the six months end; employed five or more, the rest hidden from city
 * staff).
 */
function leftSixMonthsAgo(): DemoParticipant[] {
  const next = generator(20_250_601);
  return SIX_MONTH_RESULTS.map((afterSixMonths, k) => {
    const entryMonth = 2 + (k % 6);
    const exit = k < 5 ? day(2025, 10 + (k % 3), 3 + k) : day(2026, 1 + (k % 5), 2 + k);
    const startDate = day(2025, entryMonth + 1, 1 + ((k * 5) % 27));
    const sector = weighted<Sector>(next, { social: 6, regular: 4 });
    return {
      enrolment: { reference: `DEMO-${String(81 + k).padStart(4, '0')}`, gender: k % 2 === 0 ? 'man' : 'woman', ...indicators(next), entryDate: day(2025, entryMonth, 1 + ((k * 3) % 27)) },
      exit: { exitDate: exit, resultsAtExit: afterSixMonths.includes('employed') ? ['employed'] : ['job_searching'], resultsAfterSixMonths: afterSixMonths },
      placement: {
        workDomain: weighted(next, { green: 5, care: 5, hospitality: 4, industry: 3, mobility: 3, other: 1 }),
        sector,
        contractType: sector === 'social' ? weighted(next, { art_60: 5, custom_work: 4, local_service_economy: 3 }) : weighted(next, { permanent: 5, temporary: 3 }),
        hoursPerWeek: [38, 38, 30.4, 19][Math.floor(next() * 4)],
        startDate,
        endDate: exit,
      },
    };
  });
}

/** The two phases of the ESF call "circulair werk(t)!" the demo hub reports on. */
export const DEMO_PHASES = [
  { key: 'circulair-werkt-1', name: 'circulair werk(t)! fase 1', from: '2025-01-01', to: '2025-12-31' },
  { key: 'circulair-werkt-2', name: 'circulair werk(t)! fase 2', from: '2026-01-01', to: '2027-06-30' },
] as const;

/**
 * The demo hub's targets: each year and each phase, set above what the demo participants reach
 * (about 25 jobs in 2025, 60 in 2026) so the progress shows as part of the way.
 */
export const DEMO_TARGETS = [
  { period: '2025', jobs: 35, socialJobs: 25, fte: 25, participants: 40 },
  { period: '2026', jobs: 80, socialJobs: 55, fte: 60, participants: 90 },
  { period: 'circulair-werkt-1', jobs: 35, socialJobs: 25, fte: 25, participants: 40 },
  { period: 'circulair-werkt-2', jobs: 120, socialJobs: 80, fte: 90, participants: 140 },
] as const;
