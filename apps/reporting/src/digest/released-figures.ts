import { MINIMUM_SHOWN } from '../statistics/disclosure-control';
import { isoWeek, yearToDate } from '../statistics/periods';

/**
 * What the weekly city digests released (sent), as sums of days: the figures the year's statistics
 * and every later digest are chosen beside (docs/decisions.md, 'The digests sent are kept'). Pure.
 */

/** Jobs of all sectors, or of one; participants who entered or left. */
export type ReleasedMeasure = 'jobs' | 'jobs:regular' | 'jobs:social' | 'participantsEntered' | 'participantsLeft';

/**
 * One figure of a digest as it was released: the measure over the days from `from` to the day
 * before `until`, its value then, and whether it was hidden.
 */
export interface ReleasedFigure {
  measure: ReleasedMeasure;
  from: string;
  until: string;
  value: number;
  hidden: boolean;
}

/** A digest released for a week of a year: its figures and the key of the statistics it was chosen beside (PublishedFigures). */
export interface Release {
  week: string;
  figures: readonly ReleasedFigure[];
  chosenBeside: string;
}

/** A released figure with its value now (the same days counted again): a changed one (`stale`) no longer says anything of today's counts. */
export interface ReleasedNow extends ReleasedFigure {
  week: string;
  now: number;
}

/** Counts of now by measure and days (the caller's: stored segments, or a digest's pieces). */
export type CountNow = (measure: ReleasedMeasure, from: string, until: string) => number;

/**
 * The released figures as fixed stages of seriesPattern take them (for the statistics, or a later
 * digest): each shown figure whose days count the same now (its value still true: what a reader
 * knows of today's counts), and each hidden one of 1–4 (protected, whatever it counts now). A
 * shown figure whose days count differently now (a record back-dated into them, or one changed
 * since) is left out: it tells of other counts; that it differs is the accepted 'Figures read at
 * two moments' (docs/decisions.md). So is a figure with days of the year before (a first week
 * released before it was counted from 1 January: its days of December were sent as they were, and
 * are not protected further).
 */
export function releasedToFix(releases: readonly Release[], now: CountNow, minimum = MINIMUM_SHOWN, measures?: readonly ReleasedMeasure[]): { shown: ReleasedNow[]; guarded: ReleasedNow[] } {
  // The same days of the same measure released week after week (a month that has ended, in every later week's year to date) are
  // taken once: one copy fixes what the others would (a fixed stage costs a reduction a figure).
  const shown = new Map<string, ReleasedNow>();
  const guarded = new Map<string, ReleasedNow>();
  for (const release of releases) {
    const january = yearToDate(isoWeek(release.week)).from;
    for (const f of release.figures) {
      if ((measures && !measures.includes(f.measure)) || f.from < january) continue;
      const key = `${f.measure}/${f.from}/${f.until}`;
      if (f.hidden) {
        if (f.value > 0 && f.value < minimum && !guarded.has(key)) guarded.set(key, { ...f, week: release.week, now: now(f.measure, f.from, f.until) });
      } else if (!shown.has(key)) {
        const figure = { ...f, week: release.week, now: now(f.measure, f.from, f.until) };
        if (figure.now === f.value) shown.set(key, figure);
      }
    }
  }
  return { shown: [...shown.values()], guarded: [...guarded.values()] };
}

/** The jobs' measures (in all, and by sector). */
export const JOB_MEASURES: readonly ReleasedMeasure[] = ['jobs', 'jobs:regular', 'jobs:social'];

/**
 * What the year's statistics of the counts keyed `key` (PublishedFigures' key of the stored counts
 * and phases) take as fixed: the digests' jobs and participants released beside other counts. A digest released
 * beside these very counts was chosen beside the statistics chosen so (without it): leaving it out
 * keeps the statistics of the same counts the same after a digest is sent.
 */
export function fixedForStatistics(releases: readonly Release[], key: string, now: CountNow): { shown: ReleasedNow[]; guarded: ReleasedNow[]; ahead: ReleasedNow[] } {
  const taken = releases.filter((r) => r.chosenBeside !== key);
  const after = weekAfterReleases(taken);
  const ahead = after ? ALL_MEASURES.map((measure) => ({ measure, ...after, value: now(measure, after.from, after.until), hidden: true, week: 'ahead', now: now(measure, after.from, after.until) })) : [];
  return { ...releasedToFix(taken, now, MINIMUM_SHOWN), ahead };
}

const ALL_MEASURES: readonly ReleasedMeasure[] = [...JOB_MEASURES, 'participantsEntered', 'participantsLeft'];
const DAY_MS = 86_400_000;
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The days of the week after the last week released (Monday to Sunday, `until` the next Monday), or null when none was or that
 * week is the next year's first (its digest counts from 1 January: none of its days is this year's). A shown 0 tells its parts
 * (0): the statistics' month less a digest's year to date, beside the next month's 0, would give that week's count away before
 * its digest is asked, so the statistics protect it (docs/decisions.md, 'Bounds').
 */
export function weekAfterReleases(releases: readonly Release[]): { from: string; until: string } | null {
  if (releases.length === 0) return null;
  const from = releases.map((r) => isoWeek(r.week).until).reduce((a, b) => (a > b ? a : b));
  const until = plusDays(from, 7);
  return from.slice(0, 4) === plusDays(until, -1).slice(0, 4) ? { from, until } : null;
}

/**
 * The segments the released days cut a year into (with the months' first days): consecutive,
 * from 1 January up to the last released day, keyed `from/until`. Every released figure of the
 * year is a sum of them; the statistics store their counts beside the year's, so that a
 * release's count now is read at the moment of the year's.
 */
export function segmentsOf(year: number, releases: readonly Release[]): { key: string; from: string; until: string }[] {
  const first = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  const inYear = (d: string) => d >= first && d <= next;
  // Each release's next week's end too: the week after the last release taken is protected by the statistics (fixedForStatistics).
  const days = releases.flatMap((r) => [...r.figures.flatMap((f) => [f.from, f.until]), plusDays(isoWeek(r.week).until, 7)]).filter(inYear);
  if (days.length === 0) return [];
  const last = days.reduce((a, b) => (a > b ? a : b));
  const bounds = new Set([first, ...days]);
  for (let m = 1; m < 12; m++) {
    const start = `${year}-${String(m + 1).padStart(2, '0')}-01`;
    if (start < last) bounds.add(start);
  }
  const sorted = [...bounds].filter((d) => d <= last).sort();
  return sorted.slice(0, -1).map((from, i) => ({ key: `${from}/${sorted[i + 1]}`, from, until: sorted[i + 1] }));
}

/** Whether a period key is a release segment's (`from/until`). */
export const isSegmentKey = (period: string) => /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(period);
