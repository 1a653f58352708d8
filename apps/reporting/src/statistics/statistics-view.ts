import { CONTRACT_TYPES, FULL_TIME_HOURS, INDICATORS, PARTICIPANT_RESULTS, SECTORS, StatisticsGrouping, StatisticsRow, StatisticsView, WORK_DOMAINS } from '@cirkel/contracts';
import { DISCLOSURE_RULES, MINIMUM_SHOWN, partitionedTable, shown, Shown, suppressionPattern } from './disclosure-control';
import { lastDayOf, Period } from './periods';

/** A figure as stored or aggregated: what the view is built from. */
export interface Figure {
  dimension: string;
  groupKey: string;
  jobs: number;
  hours: number;
  participantsEntered: number;
  participantsLeft: number;
}

/** The dimensions and their groups, in the order shown, of each grouping. */
export function dimensionsOf(groupBy: StatisticsGrouping): [string, readonly string[]][] {
  switch (groupBy) {
    case 'workDomain':
      return [['workDomain', [...WORK_DOMAINS, 'unknown']]];
    case 'sector':
      return [['sector', SECTORS]];
    case 'contractType':
      return [['contractType', CONTRACT_TYPES]];
    case 'indicator':
      return Object.entries(INDICATORS);
    case 'result':
      return [['resultAtExit', PARTICIPANT_RESULTS], ['resultAfterSixMonths', PARTICIPANT_RESULTS]];
  }
}

/** Hours per week as full-time equivalents, to two decimals. */
export const fte = (hours: number) => Math.round((hours / FULL_TIME_HOURS) * 100) / 100;

/** Jobs, of which in the social economy, and their FTE, as a two-group table (regular and social add up to the jobs): hidden unless `detail`. */
export function jobFigures(jobs: number, social: number, hours: number, detail: boolean): { jobs: Shown; social: Shown; fte: Shown } {
  const [jobsHidden, , socialHidden] = detail ? [false, false, false] : suppressionPattern(partitionedTable(jobs, [[jobs - social, social]]));
  return { jobs: shown(jobs, jobsHidden), social: shown(social, socialHidden), fte: shown(fte(hours), jobsHidden) };
}

/** A count that stands alone (no sum gives it away): hidden when 1–4, unless `detail`. */
export function singleCount(value: number, detail: boolean): Shown {
  return shown(value, !detail && value > 0 && value < MINIMUM_SHOWN);
}

/**
 * The figures of a period split by one grouping. Without detail rights every count from 1 to 4 is
 * hidden, with what would give it away (the groups of each dimension add up to the total): jobs
 * and FTE share one pattern, participants entered have their own.
 */
export function statisticsView(figures: readonly Figure[], groupBy: StatisticsGrouping, period: Period, detail: boolean, computedAt: Date | null): StatisticsView {
  const byKey = new Map(figures.map((f) => [`${f.dimension}\u0000${f.groupKey}`, f]));
  const zero = (dimension: string, groupKey: string): Figure => ({ dimension, groupKey, jobs: 0, hours: 0, participantsEntered: 0, participantsLeft: 0 });
  const total = byKey.get('total\u0000') ?? zero('total', '');
  const dims = dimensionsOf(groupBy).map(([dimension, groups]) => groups.map((g) => byKey.get(`${dimension}\u0000${g}`) ?? zero(dimension, g)).filter((f) => f.groupKey !== 'unknown' || f.jobs > 0));
  const cells = [total, ...dims.flat()];
  const withEntered = groupBy === 'indicator';
  const jobsHidden = detail ? cells.map(() => false) : suppressionPattern(partitionedTable(total.jobs, dims.map((d) => d.map((f) => f.jobs))));
  const enteredHidden = detail || !withEntered ? cells.map(() => false) : suppressionPattern(partitionedTable(total.participantsEntered, dims.map((d) => d.map((f) => f.participantsEntered))));
  // Results are no partition (one may have several, or none): each count stands alone, hidden when 1–4.
  const byResult = groupBy === 'result';
  const row = (f: Figure, i: number): StatisticsRow => {
    if (byResult) return { dimension: f.dimension, group: f.groupKey, participantsLeft: singleCount(f.participantsLeft, detail) };
    const entered: Shown | undefined = withEntered ? shown(f.participantsEntered, enteredHidden[i]) : undefined;
    return { dimension: f.dimension, group: f.groupKey, jobs: shown(f.jobs, jobsHidden[i]), fte: shown(fte(f.hours), jobsHidden[i]), ...(entered && { participantsEntered: entered }) };
  };
  const rows = cells.map(row);
  return {
    period: { key: period.key, from: period.from, to: lastDayOf(period) },
    groupBy,
    suppressed: !detail,
    rules: detail ? null : DISCLOSURE_RULES,
    total: rows[0],
    rows: rows.slice(1),
    computedAt: computedAt?.toISOString() ?? null,
  };
}
