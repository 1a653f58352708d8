import { CONTRACT_TYPES, FULL_TIME_HOURS, INDICATORS, PARTICIPANT_RESULTS, SECTORS, StatisticsGrouping, StatisticsRow, StatisticsView, WORK_DOMAINS } from '@cirkel/contracts';
import { DISCLOSURE_RULES, shown, Shown } from './disclosure-control';
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

/** Which figures of a period a reader is not shown (FTE goes with jobs), as PublishedYear or phaseHidden decide: null for a reader with detail rights. */
export type HiddenOf = ((field: 'jobs' | 'participantsEntered' | 'participantsLeft', dimension: string, group: string) => boolean) | null;

/**
 * The figures of a period split by one grouping. Without detail rights (`hidden` given) a figure is
 * hidden as the whole year's publication requires (published-statistics.ts): every count from 1 to
 * 4, and what would give it away from any period's tables and totals.
 */
export function statisticsView(figures: readonly Figure[], groupBy: StatisticsGrouping, period: Period, hidden: HiddenOf, computedAt: Date | null): StatisticsView {
  const byKey = new Map(figures.map((f) => [`${f.dimension}\u0000${f.groupKey}`, f]));
  const zero = (dimension: string, groupKey: string): Figure => ({ dimension, groupKey, jobs: 0, hours: 0, participantsEntered: 0, participantsLeft: 0 });
  const isHidden: NonNullable<HiddenOf> = hidden ?? (() => false);
  const total = byKey.get('total\u0000') ?? zero('total', '');
  // An unknown work domain is listed when it has jobs, or when hidden (leaving it out would say it has none).
  const dims = dimensionsOf(groupBy).map(([dimension, groups]) => groups.map((g) => byKey.get(`${dimension}\u0000${g}`) ?? zero(dimension, g)).filter((f) => f.groupKey !== 'unknown' || f.jobs > 0 || isHidden('jobs', f.dimension, f.groupKey)));
  const withEntered = groupBy === 'indicator';
  // Results are no partition (one may have several, or none): each result's count is a series of its own over the periods.
  const byResult = groupBy === 'result';
  const row = (f: Figure): StatisticsRow => {
    if (byResult) return { dimension: f.dimension, group: f.groupKey, participantsLeft: shown(f.participantsLeft, isHidden('participantsLeft', f.dimension, f.groupKey)) };
    const jobsHidden = isHidden('jobs', f.dimension, f.groupKey);
    const entered: Shown | undefined = withEntered ? shown(f.participantsEntered, isHidden('participantsEntered', f.dimension, f.groupKey)) : undefined;
    return { dimension: f.dimension, group: f.groupKey, jobs: shown(f.jobs, jobsHidden), fte: shown(fte(f.hours), jobsHidden), ...(entered && { participantsEntered: entered }) };
  };
  const rows = [total, ...dims.flat()].map(row);
  return {
    period: { key: period.key, from: period.from, to: lastDayOf(period) },
    groupBy,
    suppressed: hidden !== null,
    rules: hidden === null ? null : DISCLOSURE_RULES,
    total: rows[0],
    rows: rows.slice(1),
    computedAt: computedAt?.toISOString() ?? null,
  };
}
