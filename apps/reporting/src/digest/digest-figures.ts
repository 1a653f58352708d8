import { DigestActivity, DigestBreakdown, DigestFiguresV2View, IDEA_STAGES, ORGANISATION_TYPES, WORK_DOMAINS } from '@cirkel/contracts';
import { partitionedTable, shown, Shown, suppressionPattern } from '../statistics/disclosure-control';
import { fte, singleCount } from '../statistics/statistics-view';
import { ActivityMeasure, ActivityRow } from './digest-activity.repository';

type DigestFigures = DigestFiguresV2View['week']['figures'];

/**
 * Counts split into groups that add up to their total, suppressed as one table (1–4 hidden, and
 * what would give them away). The groups are `groups` in order, then any other group that has a
 * count (an organisation whose type is not known yet: `unknown`).
 */
export function breakdown(groups: readonly string[], counts: ReadonlyMap<string, number>): DigestBreakdown {
  const keys = [...groups, ...[...counts.keys()].filter((g) => !groups.includes(g) && (counts.get(g) ?? 0) > 0)];
  const values = keys.map((g) => counts.get(g) ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  const hidden = suppressionPattern(partitionedTable(total, [values]));
  return { total: shown(total, hidden[0]), groups: keys.map((group, i) => ({ group, count: shown(values[i], hidden[i + 1]) })) };
}

/** The stages an idea can move to (a draft is never reached by a move). */
const STAGES_REACHED = IDEA_STAGES.filter((s) => s !== 'draft');

/** A period's activity from its rows of the read models, suppressed. */
export function digestActivity(rows: readonly ActivityRow[]): DigestActivity {
  const countsOf = (measure: ActivityMeasure) => new Map(rows.filter((r) => r.measure === measure).map((r) => [r.groupKey, r.count]));
  const sessions = rows.find((r) => r.measure === 'coachingSessions');
  const sessionsHeld = singleCount(sessions?.count ?? 0, false);
  return {
    organisationsRegistered: breakdown(ORGANISATION_TYPES, countsOf('organisationsRegistered')),
    organisationsApproved: breakdown(ORGANISATION_TYPES, countsOf('organisationsApproved')),
    ideasSubmitted: breakdown(WORK_DOMAINS, countsOf('ideasSubmitted')),
    stageMovements: breakdown(STAGES_REACHED, countsOf('stageMovements')),
    coaching: { sessionsHeld, hours: shown(Math.round((sessions?.amount ?? 0) * 100) / 100, sessionsHeld.suppressed) },
    programmes: {
      registrations: singleCount(rows.find((r) => r.measure === 'programmeRegistrations')?.count ?? 0, false),
      attended: singleCount(rows.find((r) => r.measure === 'programmeAttendance')?.count ?? 0, false),
    },
  };
}

/**
 * The year to date's jobs as one table: the total split by sector (regular, social) and by month,
 * so a count hidden in one split cannot be recomputed through the other. FTE follows the jobs.
 */
export function yearToDateJobs(
  jobs: number,
  social: number,
  hours: number,
  perMonth: readonly { month: string; jobs: number }[],
): { jobs: Shown; social: Shown; fte: Shown; perMonth: { month: string; jobs: Shown }[] } {
  const table = partitionedTable(jobs, [[jobs - social, social], perMonth.map((m) => m.jobs)]);
  const hidden = suppressionPattern(table);
  return {
    jobs: shown(jobs, hidden[0]),
    social: shown(social, hidden[2]),
    fte: shown(fte(hours), hidden[0]),
    perMonth: perMonth.map((m, i) => ({ month: m.month, jobs: shown(m.jobs, hidden[3 + i]) })),
  };
}

/** The figures of version 1 (jobs, FTE, participants) from the period's statistics and its jobs as shown. */
export function digestFigures(jobs: { jobs: Shown; social: Shown; fte: Shown }, participantsEntered: number, participantsLeft: number): DigestFigures {
  return {
    jobsCreated: jobs.jobs,
    socialEconomyJobs: jobs.social,
    fte: jobs.fte,
    participantsEntered: singleCount(participantsEntered, false),
    participantsLeft: singleCount(participantsLeft, false),
  };
}

/** The months of a year to date: January to the month of its last day. */
export function monthsOf(yearToDate: { from: string; until: string }): string[] {
  const year = yearToDate.from.slice(0, 4);
  const last = new Date(Date.parse(`${yearToDate.until}T00:00:00Z`) - 86_400_000);
  return Array.from({ length: last.getUTCMonth() + 1 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
}
