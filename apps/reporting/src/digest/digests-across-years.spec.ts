import { SECTORS } from '@cirkel/contracts';
import { isoWeek, lastDayOf, periodsOfYear } from '../statistics/periods';
import { monthsOf, PeriodFigure, PublishedYear } from '../statistics/published-statistics';
import { digestOfSeries, PieceCounts, seriesPieces } from './digest-figures';
import { CountNow, fixedForStatistics, Release, ReleasedMeasure, releasedToFix } from './released-figures';
import { DIMENSIONS, OTHER_DIMENSIONS } from '../../test/support/dimensions';
import { figureRows } from '../../test/support/figure-rows';
import { knownOf, SeenFigure as Seen, spanOf } from '../../test/support/span';

/**
 * A year's first week holds 1 January; its Monday may be in December (2026-W53: Monday 28 December
 * 2026 to Sunday 3 January 2027, the first week of 2027's digests). City staff read the digests of
 * both years and the statistics of both years side by side: no count of 1–4 of any of them may be
 * computable from what they show together (docs/decisions.md, 'The weekly digests are suppressed as
 * one series'). A digest's figures showing days of December (the year before's) gave counts away
 * either way: the year before's statistics do not take them. Checked independently of the modules,
 * as digests-released.spec does: a reader's unknowns are the jobs by sector of each segment of days
 * the figures cut the two years into, and each month's jobs by every other grouping, tied to the
 * month's segments; a figure is computable when its vector lies in the span of the shown ones.
 */

interface Placement {
  day: string; // YYYY-MM-DD
  social: boolean;
}

const sectorOf = (p: Placement) => (p.social ? 'social' : 'regular');
const sectorsOf = (measure: ReleasedMeasure): readonly string[] => (measure === 'jobs:regular' ? ['regular'] : measure === 'jobs:social' ? ['social'] : SECTORS);
const within = (p: Placement, from: string, until: string) => p.day >= from && p.day < until;
const yearOfWeek = (week: string) => Number(lastDayOf(isoWeek(week)).slice(0, 4));
const monthStart = (year: number, m: number) => (m >= 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`);

/** The stored statistics of a year (jobs only; every group but the sector the first), counted by hand. */
function storedOf(year: number, placements: readonly Placement[]): PeriodFigure[] {
  return periodsOfYear(year).flatMap((period) => {
    const { at, rows } = figureRows(period.key);
    for (const p of placements.filter((pl) => within(pl, period.from, period.until))) {
      for (const f of [at('total', ''), ...DIMENSIONS.map(([d, g]) => at(d, d === 'sector' ? sectorOf(p) : g[0]))]) f.jobs += 1;
    }
    return rows();
  });
}

const countOf =
  (placements: readonly Placement[]): CountNow =>
  (measure, from, until) =>
    measure === 'participantsEntered' || measure === 'participantsLeft' ? 0 : placements.filter((p) => within(p, from, until) && sectorsOf(measure).includes(sectorOf(p))).length;

/** A year's statistics as the service chooses them (PublishedFigures.chosen), with the digests released of that year. */
function statisticsOf(year: number, placements: readonly Placement[], releases: readonly Release[]): { year: PublishedYear; key: string } {
  const stored = storedOf(year, placements);
  const key = stored
    .map((f) => `${f.period}/${f.dimension}/${f.groupKey}/${f.jobs}`)
    .sort()
    .join(',');
  const ofYear = releases.filter((r) => yearOfWeek(r.week) === year);
  return { year: new PublishedYear(year, stored, [], fixedForStatistics(ofYear, key, countOf(placements))), key };
}

/** The digest of an ISO week as the service answers it (beside its year's statistics, with its year's digests released). */
function digestOf(placements: readonly Placement[], releases: readonly Release[], week: string): Release {
  const year = yearOfWeek(week);
  const ofYear = releases.filter((r) => yearOfWeek(r.week) === year);
  const statistics = statisticsOf(year, placements, releases);
  const { pieces, weeks, asked } = seriesPieces(isoWeek(week), ofYear);
  const counts = new Map<string, PieceCounts>(
    pieces.map((p) => {
      const inPiece = placements.filter((pl) => within(pl, p.from, p.until));
      const social = inPiece.filter((pl) => pl.social).length;
      return [p.key, { jobs: { regular: inPiece.length - social, social, hours: 0 }, participantsEntered: 0, participantsLeft: 0, activity: [] }];
    }),
  );
  const digest = digestOfSeries(pieces, weeks, counts, { year, figures: statistics.year.figures }, ofYear, asked);
  return { week, figures: digest.released, chosenBeside: statistics.key };
}

/**
 * The digests of `weeks` sent in turn, then the statistics of 2026 and 2027 read: every figure of the jobs as a reader sees it.
 * Returns them, and `computable`: whether the count of some days (all sectors) lies in the span of the shown ones.
 */
function read(placements: readonly Placement[], weeks: readonly string[]) {
  const releases: Release[] = [];
  for (const week of weeks) releases.push(digestOf(placements, releases, week));
  const years = [2026, 2027];
  const statistics = years.map((year) => statisticsOf(year, placements, releases));

  // The unknowns: the jobs by sector of each segment of days (cut at every released figure's ends and every month's first day),
  // and per month each other grouping's groups, tied to the month's segments.
  const cuts = new Set(years.flatMap((year) => Array.from({ length: 13 }, (_, m) => monthStart(year, m))));
  for (const r of releases) for (const f of r.figures) cuts.add(f.from).add(f.until);
  const bounds = [...cuts].sort();
  const segments = bounds.slice(0, -1).map((from, i) => ({ from, until: bounds[i + 1] }));
  const index = new Map<string, number>();
  const id = (k: string) => index.get(k) ?? (index.set(k, index.size), index.size - 1);
  const days = (from: string, until: string, sectors: readonly string[]) => new Map(segments.filter((s) => s.from >= from && s.until <= until).flatMap((s) => sectors.map((sector): [number, number] => [id(`${s.from}/${sector}`), 1])));
  const identities: Map<number, number>[] = [];
  for (const year of years) {
    for (let m = 0; m < 12; m++) {
      const month = days(monthStart(year, m), monthStart(year, m + 1), SECTORS);
      for (const [d, groups] of OTHER_DIMENSIONS) identities.push(new Map([...groups.map((g): [number, number] => [id(`${year}-${m}/${d}/${g}`), 1]), ...[...month.keys()].map((k): [number, number] => [k, -1])]));
    }
  }
  const seen: Seen[] = [];
  for (const r of releases) {
    for (const f of r.figures) {
      if (f.measure === 'participantsEntered' || f.measure === 'participantsLeft') continue;
      seen.push({ vector: days(f.from, f.until, sectorsOf(f.measure)), value: f.value, hidden: f.hidden, where: `digest ${r.week} ${f.measure} ${f.from}–${f.until}` });
    }
  }
  years.forEach((year, y) => {
    for (const period of periodsOfYear(year)) {
      const months = monthsOf(year, period) as number[];
      const add = (d: string, g: string, vector: Map<number, number>, parts?: Map<number, number>[]) => {
        const value = placements.filter((p) => within(p, period.from, period.until) && (d === 'total' || (d === 'sector' ? sectorOf(p) === g : g === DIMENSIONS.find(([name]) => name === d)![1][0]))).length;
        seen.push({ vector, value, hidden: statistics[y].year.isHidden('jobs', period.key, d, g), where: `statistics ${period.key} ${d}/${g}`, parts });
      };
      const groupsOf = (m: number) => OTHER_DIMENSIONS.flatMap(([d, gs]) => gs.map((g) => id(`${year}-${m}/${d}/${g}`)));
      const total = new Map(months.flatMap((m) => [...days(monthStart(year, m), monthStart(year, m + 1), SECTORS)]));
      // A month's total of 0: each of its segments and each group of its groupings is 0.
      add('total', '', total, [...total.keys(), ...months.flatMap(groupsOf)].map((k) => new Map([[k, 1]])));
      for (const sector of SECTORS) add('sector', sector, new Map(months.flatMap((m) => [...days(monthStart(year, m), monthStart(year, m + 1), [sector])])));
      for (const [d, gs] of OTHER_DIMENSIONS) for (const g of gs) add(d, g, new Map(months.map((m) => [id(`${year}-${m}/${d}/${g}`), 1])));
    }
  });
  const all = [...seen, ...identities.map((vector) => ({ vector, value: 0, hidden: false, where: 'identity', parts: [vector] }))];
  const width = index.size;
  // The same vector known many times (a group's 0 in every period) is reduced once.
  const known = new Map(knownOf(all.filter((s) => !s.hidden)).map((v) => [[...v].sort(([a], [b]) => a - b).join(';'), v]));
  const inSpan = spanOf([...known.values()], width);
  return { seen, releases, computable: (from: string, until: string) => days(from, until, SECTORS).size > 0 && inSpan(days(from, until, SECTORS)), inSpan };
}

function check(placements: readonly Placement[], weeks: readonly string[]) {
  const result = read(placements, weeks);
  for (const s of result.seen) if (!s.hidden) expect({ where: s.where, value: s.value, small: s.value >= 1 && s.value <= 4 }).toMatchObject({ small: false });
  for (const s of result.seen.filter((x) => x.hidden && x.value >= 1 && x.value <= 4)) expect({ where: s.where, value: s.value, computable: result.inSpan(s.vector) }).toEqual({ where: s.where, value: s.value, computable: false });
  return result;
}

const jobs = (day: string, n: number): Placement[] => Array.from({ length: n }, () => ({ day, social: false }));
/** The last digests of 2026 (to Sunday 27 December), then the first of 2027 (2026-W53: 28 December to 3 January). */
const WEEKS = ['2026-W51', '2026-W52', '2026-W53'];

describe('the weekly digests across a year’s end', () => {
  it('the first week holds no day of the previous year (2026-W53 counted from 1 January 2027)', () => {
    const placements = [...jobs('2026-12-29', 6), ...jobs('2027-01-02', 5)];
    const first = digestOf(placements, [], '2026-W53');
    expect(first.figures.filter((f) => f.from < '2027-01-01')).toEqual([]);
    // Its own figure is 1–3 January's 5, not 28 December–3 January's 11.
    expect(first.figures.find((f) => f.measure === 'jobs' && f.from === '2027-01-01' && f.until === '2027-01-04')).toMatchObject({ value: 5, hidden: false });
  });

  it('takes an old release of a first week (sent with its days of December) without those days', () => {
    // Released before the first week was counted from 1 January: 28 December–3 January's 11 shown, 28–31 December's 6 hidden.
    const placements = [...jobs('2026-12-29', 6), ...jobs('2027-01-02', 5)];
    const figure = (from: string, until: string, value: number, hidden: boolean) => ({ measure: 'jobs' as const, from, until, value, hidden });
    const old: Release = { week: '2026-W53', chosenBeside: 'then', figures: [figure('2026-12-28', '2027-01-04', 11, false), figure('2026-12-28', '2027-01-01', 6, true), figure('2027-01-01', '2027-01-04', 5, false)] };
    const fixed = releasedToFix([old], countOf(placements));
    expect([...fixed.shown, ...fixed.guarded].map((f) => [f.from, f.until])).toEqual([['2027-01-01', '2027-01-04']]);
    // The next week's digest takes it so, beside 2027's statistics taking it so too.
    const next = digestOf(placements, [old], '2027-W01');
    expect(next.figures.every((f) => f.from >= '2027-01-01')).toBe(true);
  });

  it('finds the first week’s release by the week’s end: the next week does not choose it again from today’s counts', () => {
    // 2026-W53 sent with 1–3 January's 5 shown; then two back-dated into 2 January and two starting on 5 January. Replayed from
    // today's counts, week 0 would count as shown 7, and 2027-W01's year to date of 9 less it as its 2: hidden for nothing.
    const sent = digestOf([...jobs('2027-01-02', 5)], [], '2026-W53');
    const next = digestOf([...jobs('2027-01-02', 7), ...jobs('2027-01-05', 2)], [sent], '2027-W01');
    expect(next.figures.find((f) => f.measure === 'jobs' && f.from === '2027-01-01' && f.until === '2027-01-11')).toMatchObject({ value: 9, hidden: false });
  });

  it('keep a count of 1–3 January hidden that the year before’s December less its digests would give away', () => {
    // December 2026's statistics show 11, the digests to 27 December December's earlier days as 5: 28–31 December held 6. A first
    // week's digest with them showed 8 for 28 December–3 January, so 1–3 January held 2, which January 2027's statistics hide.
    const { computable } = check([...jobs('2026-12-02', 5), ...jobs('2026-12-29', 6), ...jobs('2027-01-02', 2)], WEEKS);
    expect(computable('2027-01-01', '2027-01-04')).toBe(false);
  }, 120_000);

  it('keep the year before’s last week hidden that the first week’s days of December would give away', () => {
    // 2026-W52 (21–27 December) held 3, hidden; December's statistics show 14 and the digests to 20 December its earlier days as 5.
    // A first week's digest with 28–31 December showed 11 for the week and 5 for its year to date: 28–31 December held 6, so
    // 21–27 December 14 − 5 − 6 = 3.
    const { computable } = check([...jobs('2026-12-02', 5), ...jobs('2026-12-22', 3), ...jobs('2026-12-29', 6), ...jobs('2027-01-02', 5)], WEEKS);
    expect(computable('2026-12-21', '2026-12-28')).toBe(false);
  }, 120_000);
});
