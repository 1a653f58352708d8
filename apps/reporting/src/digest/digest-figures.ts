import { DigestActivity, DigestBreakdown, DigestFiguresV2View, IDEA_STAGES, ORGANISATION_TYPES, WORK_DOMAINS } from '@cirkel/contracts';
import { MINIMUM_SHOWN, partitionedTable, shown, Shown } from '../statistics/disclosure-control';
import { isoWeek, lastDayOf, Period, yearToDate } from '../statistics/periods';
import { Field, MEASURES, YearFigure } from '../statistics/published-statistics';
import { fte } from '../statistics/statistics-view';
import { ActivityMeasure, ActivityRow } from './digest-activity.repository';
import { JOB_MEASURES, Release, ReleasedFigure, ReleasedMeasure, releasedToFix } from './released-figures';
import { cellOf, SeriesFigure, seriesPattern, weekFigureShown, YearToDateTable, yearToDatePatterns } from './published-series';

type DigestFigures = DigestFiguresV2View['week']['figures'];

/** Days of one week that lie in one month. */
export interface Piece extends Period {
  week: number;
  month: string;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The days a digest of `week` counts as its week: Monday to Sunday, but the year's first week (the
 * one holding 1 January: the year of its Sunday, as the year to date counts it) from 1 January. Its
 * days of December are the year before's, in that year's statistics only: shown in a digest too,
 * that year's statistics and digests beside it gave a count away (docs/decisions.md, 'The weekly
 * digests are suppressed as one series').
 */
export function daysCounted(week: Period): Period {
  const january = yearToDate(week).from;
  return { key: week.key, from: week.from < january ? january : week.from, until: week.until };
}

/**
 * The weeks (Monday to Sunday) of the digest's year up to the digest's week — the year of each
 * week's Sunday, as the year to date counts it; the first from 1 January (daysCounted) — each split
 * where a month begins. The digests of these weeks published every figure the series holds; each
 * figure is a sum of these pieces' counts.
 */
export function piecesOf(week: Period): { pieces: Piece[]; weeks: number } {
  const lastSunday = ms(lastDayOf(week));
  const year = new Date(lastSunday).getUTCFullYear();
  const january = ms(`${year}-01-01`);
  const firstSunday = january + ((7 - new Date(january).getUTCDay()) % 7) * DAY_MS;
  const pieces: Piece[] = [];
  let weeks = 0;
  for (let sunday = firstSunday; sunday <= lastSunday; sunday += 7 * DAY_MS, weeks++) {
    for (let start = Math.max(sunday - 6 * DAY_MS, january); start <= sunday; ) {
      const d = new Date(start);
      const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      const until = Math.min(sunday + DAY_MS, nextMonth);
      pieces.push({ key: `w${weeks}:${iso(start)}`, from: iso(start), until: iso(until), week: weeks, month: iso(start).slice(0, 7) });
      start = until;
    }
  }
  return { pieces, weeks };
}

/** The weeks of the pieces that the digests released were answered for: found by the week's end (the first week's start moved to 1 January). */
function weeksSent(pieces: readonly Piece[], releases: readonly Pick<Release, 'week'>[]): Set<number | undefined> {
  return new Set(releases.map((r) => pieces.find((p) => p.until === isoWeek(r.week).until)?.week));
}

/**
 * The pieces a digest of `week` is chosen over, with the digests released this year: to the end of the latest week released (asked
 * out of turn, a later week's figures are sums of them too) and of the week after the one asked, when it is of the same year (its
 * count is protected: digestOfSeries); `asked`, the index of the week asked among them.
 */
export function seriesPieces(week: Period, releases: readonly Pick<Release, 'week'>[]): { pieces: Piece[]; weeks: number; asked: number } {
  const after = { key: '', from: week.until, until: iso(ms(week.until) + 7 * DAY_MS) };
  const sameYear = new Date(ms(after.until) - DAY_MS).getUTCFullYear() === new Date(ms(week.until) - DAY_MS).getUTCFullYear();
  const latest = [...releases.map((r) => isoWeek(r.week)), ...(sameYear ? [after] : [])].reduce((a, b) => (b.until > a.until ? b : a), week);
  const { pieces, weeks } = piecesOf(latest);
  return { pieces, weeks, asked: pieces.find((p) => p.until === week.until)?.week ?? weeks - 1 };
}

/** What was counted in each piece (jobs by sector, their hours, participants, the read models' activity). */
export interface PieceCounts {
  jobs: { regular: number; social: number; hours: number };
  participantsEntered: number;
  participantsLeft: number;
  activity: readonly ActivityRow[];
}

const BREAKDOWNS = {
  organisationsRegistered: ORGANISATION_TYPES,
  organisationsApproved: ORGANISATION_TYPES,
  ideasSubmitted: WORK_DOMAINS,
  /** The stages an idea can move to (a draft is never reached by a move). */
  stageMovements: IDEA_STAGES.filter((s) => s !== 'draft'),
} as const satisfies Partial<Record<ActivityMeasure, readonly string[]>>;
const SINGLES = ['coachingSessions', 'programmeRegistrations', 'programmeAttendance'] as const;
type Single = (typeof SINGLES)[number];

/**
 * The digest of the last week of `pieces` and its year to date, each figure hidden as the series
 * of the year's digests requires (published-series.ts): jobs (by sector, and by month in the year
 * to date) and the participants entered and left by seriesPattern over the pieces' counts, beside
 * the statistics when given and the digests released (`releases`: their weeks are taken as sent,
 * not chosen again); every other measure by yearToDatePatterns, its week's figure shown only where
 * it is the difference of two shown years to date. `asked`: the week answered (the last of the
 * pieces unless a later week was released already).
 */
export function digestOfSeries(
  pieces: readonly Piece[],
  weeks: number,
  counts: ReadonlyMap<string, PieceCounts>,
  statistics: StatisticsBeside | null = null,
  releases: readonly Release[] = [],
  asked = weeks - 1,
): {
  week: { figures: DigestFigures; activity: DigestActivity };
  yearToDate: { figures: DigestFigures; activity: DigestActivity };
  perMonth: { month: string; jobs: Shown }[];
  /** What this digest releases, as sums of days (kept: released-figures.ts). */
  released: ReleasedFigure[];
} {
  const last = asked;
  const none: PieceCounts = { jobs: { regular: 0, social: 0, hours: 0 }, participantsEntered: 0, participantsLeft: 0, activity: [] };
  const of = (p: Piece) => counts.get(p.key) ?? none;
  const inWeek = (w: number) => pieces.filter((p) => p.week === w);
  const toDate = (w: number) => pieces.filter((p) => p.week <= w);
  const sum = (ps: readonly Piece[], value: (c: PieceCounts) => number) => ps.reduce((total, p) => total + value(of(p)), 0);

  const jobs = jobSeries(pieces, asked, counts, statistics, releases);
  const people = {
    participantsEntered: peopleSeries(pieces, asked, counts, statistics, releases, 'participantsEntered'),
    participantsLeft: peopleSeries(pieces, asked, counts, statistics, releases, 'participantsLeft'),
  };
  const hours = (ps: readonly Piece[]) => sum(ps, (c) => c.jobs.hours);

  // Every other measure: its year to date, week by week, as a table of a total and its groups.
  const activityOf = (c: PieceCounts, measure: ActivityMeasure) => c.activity.filter((r) => r.measure === measure);
  const singleValue = (c: PieceCounts, s: Single) => activityOf(c, s)[0]?.count ?? 0;
  /** A measure's series: `groupsOf` counts its groups in some pieces (none: a count that stands alone). */
  const series = (groupsOf: (ps: readonly Piece[]) => Map<string, number>, totalOf: (ps: readonly Piece[]) => number = () => 0) => {
    const tables: YearToDateTable[] = Array.from({ length: last + 1 }, (_, w) => {
      const groups = groupsOf(toDate(w));
      const values = [...groups.values()];
      const total = groups.size === 0 ? totalOf(toDate(w)) : values.reduce((a, b) => a + b, 0);
      return groups.size === 0 ? { names: ['total'], table: partitionedTable(total, []) } : { names: ['total', ...groups.keys()], table: partitionedTable(total, [values]) };
    });
    const patterns = yearToDatePatterns(tables);
    const cell = (name: string) => cellOf(tables[last], patterns[last], name);
    const weekCell = (name: string, value: number) => shown(value, !weekFigureShown(value, cell(name), last > 0 ? cellOf(tables[last - 1], patterns[last - 1], name) : cellOf(null, null, name)));
    const weekGroups = groupsOf(inWeek(last));
    const weekTotal = weekGroups.size === 0 ? totalOf(inWeek(last)) : [...weekGroups.values()].reduce((a, b) => a + b, 0);
    return {
      ytd: (name: string) => shown(cell(name).value, cell(name).hidden),
      week: (name: string) => weekCell(name, name === 'total' ? weekTotal : (weekGroups.get(name) ?? 0)),
      names: tables[last].names.slice(1),
    };
  };
  const single = (s: Single) => series(() => new Map(), (ps) => sum(ps, (c) => singleValue(c, s)));
  const breakdown = (measure: keyof typeof BREAKDOWNS) =>
    series((ps) => {
      // The measure's groups, then any other that has a count this year (an organisation whose type is not known yet: `unknown`).
      const extra = [...new Set(pieces.flatMap((p) => activityOf(of(p), measure).map((r) => r.groupKey)))].filter((g) => !(BREAKDOWNS[measure] as readonly string[]).includes(g));
      return new Map([...BREAKDOWNS[measure], ...extra].map((g) => [g, sum(ps, (c) => activityOf(c, measure).find((r) => r.groupKey === g)?.count ?? 0)]));
    });
  const singles = Object.fromEntries(SINGLES.map((s) => [s, single(s)])) as Record<Single, ReturnType<typeof single>>;
  const breakdowns = Object.fromEntries(Object.keys(BREAKDOWNS).map((m) => [m, breakdown(m as keyof typeof BREAKDOWNS)])) as Record<keyof typeof BREAKDOWNS, ReturnType<typeof breakdown>>;
  const sessionHours = (ps: readonly Piece[]) => Math.round(sum(ps, (c) => activityOf(c, 'coachingSessions')[0]?.amount ?? 0) * 100) / 100;

  const activity = (pick: 'ytd' | 'week', ps: readonly Piece[]): DigestActivity => {
    const view = (b: ReturnType<typeof breakdown>): DigestBreakdown => ({ total: b[pick]('total'), groups: b.names.map((group) => ({ group, count: b[pick](group) })) });
    const sessionsHeld = singles.coachingSessions[pick]('total');
    return {
      organisationsRegistered: view(breakdowns.organisationsRegistered),
      organisationsApproved: view(breakdowns.organisationsApproved),
      ideasSubmitted: view(breakdowns.ideasSubmitted),
      stageMovements: view(breakdowns.stageMovements),
      coaching: { sessionsHeld, hours: shown(sessionHours(ps), sessionsHeld.suppressed) },
      programmes: { registrations: singles.programmeRegistrations[pick]('total'), attended: singles.programmeAttendance[pick]('total') },
    };
  };
  const figures = (pick: 'ytd' | 'week', j: { jobs: Shown; social: Shown }, ps: readonly Piece[]): DigestFigures => ({
    jobsCreated: j.jobs,
    socialEconomyJobs: j.social,
    fte: shown(fte(hours(ps)), j.jobs.suppressed),
    participantsEntered: people.participantsEntered[pick],
    participantsLeft: people.participantsLeft[pick],
  });
  const week = { figures: figures('week', jobs.week, inWeek(last)), activity: activity('week', inWeek(last)) };
  const yearToDate = { figures: figures('ytd', jobs.ytd, toDate(last)), activity: activity('ytd', toDate(last)) };
  return { week, yearToDate, perMonth: jobs.perMonth, released: [...jobs.released, ...people.participantsEntered.released, ...people.participantsLeft.released] };
}

/** The year's statistics as readers without detail rights are shown them now (PublishedYear.figures), beside which the digest is chosen. */
export interface StatisticsBeside {
  year: number;
  figures: Readonly<Record<Field, readonly YearFigure[]>>;
}

/**
 * The jobs of the series as seriesPattern's figures: each week's year to date (total, regular,
 * social and each month so far) and the week's own (total, regular, social; the first week's from
 * 1 January). Regular is published in effect (total less social), so it is a figure too.
 *
 * With the statistics: the readers of the digest (city staff) also read GET /statistics, so the
 * year's statistics of jobs as shown now come first, as a stage already chosen (their hidden
 * figures and the phases' parts never shown, and protected when 1–4), and the digests' figures are
 * hidden beside them: a week's figure of 1–4 is not left computable from a month of the statistics
 * less the other weeks, and no hidden cell of the statistics (of any grouping: a month's total ties
 * them) from the digests' weeks. The atoms are then the pieces by sector, each month's days after
 * the digest's week by sector, and per month each other grouping's groups but the last (as
 * PublishedYear's atoms: the last group is the total less the others).
 *
 * With the digests released (kept: released-figures.ts), their jobs come next as a stage chosen
 * already (those shown whose days count the same now, those hidden of 1–4), and their weeks are not
 * chosen again; `asked` is the week answered (the pieces may reach further: a later week released).
 */
function jobSeries(pieces: readonly Piece[], asked: number, counts: ReadonlyMap<string, PieceCounts>, statistics: StatisticsBeside | null, releases: readonly Release[]) {
  const atom = (p: number, social: boolean) => p * 2 + (social ? 1 : 0);
  const value = (a: number) => {
    const c = counts.get(pieces[a >> 1].key)?.jobs;
    return c ? (a & 1 ? c.social : c.regular) : 0;
  };
  const split = (ps: number[]): [string, number[]][] => [
    ['total', ps.flatMap((i) => [atom(i, false), atom(i, true)])],
    ['regular', ps.map((i) => atom(i, false))],
    ['social', ps.map((i) => atom(i, true))],
  ];
  const figures: (SeriesFigure & { name: string })[] = [];
  const beside = statistics ? statisticsFigures(pieces, statistics.year, statistics.figures.jobs, 'jobs') : { figures: [], atomCount: pieces.length * 2 };
  figures.push(...beside.figures.map((f) => ({ ...f, name: 'statistics' })));
  // The digests sent (kept: released-figures.ts) as they were, a stage chosen already: those shown whose days count the same now,
  // and those hidden of 1–4. A week sent is not chosen again; a week before the one asked that has no release (sent before
  // releases were kept) is chosen again from today's counts, as before.
  const sectorsOf = (measure: ReleasedMeasure) => (measure === 'jobs:regular' ? [false] : measure === 'jobs:social' ? [true] : [false, true]);
  const atomsOf = (measure: ReleasedMeasure, from: string, until: string) => pieces.flatMap((p, i) => (p.from >= from && p.until <= until ? sectorsOf(measure).map((social) => atom(i, social)) : []));
  const fixed = releasedToFix(releases, (measure, from, until) => atomsOf(measure, from, until).reduce((sum, a) => sum + value(a), 0), MINIMUM_SHOWN, JOB_MEASURES);
  for (const [list, published] of [[fixed.shown, true], [fixed.guarded, false]] as const) {
    for (const f of list) figures.push({ week: -2, name: `released:${f.week}`, atoms: atomsOf(f.measure, f.from, f.until), value: f.value, published, fixed: true });
  }
  const sent = weeksSent(pieces, releases);
  const add = (week: number, name: string, atoms: number[], published: boolean, weekly = false) => figures.push({ week, name, atoms, value: atoms.reduce((s, a) => s + value(a), 0), published, weekly });
  for (let w = 0; w <= asked; w++) {
    if (w < asked && sent.has(w)) continue;
    const toDate = pieces.flatMap((p, i) => (p.week <= w ? [i] : []));
    for (const [name, atoms] of split(toDate)) add(w, `ytd:${name}`, atoms, true);
    for (const month of [...new Set(toDate.map((i) => pieces[i].month))]) add(w, `ytd:${month}`, toDate.filter((i) => pieces[i].month === month).flatMap((i) => [atom(i, false), atom(i, true)]), true);
    for (const [name, atoms] of split(pieces.flatMap((p, i) => (p.week === w ? [i] : [])))) add(w, `week:${name}`, atoms, true, true);
    // The week after the one asked (its pieces given: seriesPieces), protected from the first week chosen on.
    if (!figures.some((f) => f.name.startsWith('next:'))) for (const [name, atoms] of split(nextWeek(pieces, asked, sent))) add(w, `next:${name}`, atoms, false);
  }
  const hidden = seriesPattern(figures, beside.atomCount);
  const lastWeek = (name: string) => {
    const i = figures.findIndex((f) => f.week === asked && f.name === name);
    return shown(figures[i].value, hidden[i]);
  };
  // What this week's digest releases: each of its figures as a sum of days, hidden or shown.
  const released: ReleasedFigure[] = figures.flatMap((f, i) => {
    if (f.week !== asked || f.name.startsWith('next:')) return [];
    const ps = [...new Set(f.atoms.map((a) => a >> 1))].map((p) => pieces[p]);
    if (ps.length === 0) return [];
    const kind = f.name.split(':')[1];
    const measure: ReleasedMeasure = kind === 'regular' ? 'jobs:regular' : kind === 'social' ? 'jobs:social' : 'jobs';
    return [{ measure, from: ps[0].from, until: ps[ps.length - 1].until, value: f.value, hidden: hidden[i] }];
  });
  const months = [...new Set(pieces.flatMap((p) => (p.week <= asked ? [p.month] : [])))];
  return {
    ytd: { jobs: lastWeek('ytd:total'), social: lastWeek('ytd:social') },
    week: { jobs: lastWeek('week:total'), social: lastWeek('week:social') },
    perMonth: months.map((month) => ({ month, jobs: lastWeek(`ytd:${month}`) })),
    released,
  };
}

/**
 * The pieces of the week after the one asked, when they are given and it was not sent: no digest of this year may leave its count
 * of 1–4 computable before it is asked (a 0 shown tells its parts: the statistics' January less this week's year to date, beside
 * February's 0, would give the next week's count away — docs/decisions.md, 'Bounds'). Empty otherwise (the year's last week).
 */
function nextWeek(pieces: readonly Piece[], asked: number, sent: ReadonlySet<number | undefined>): number[] {
  return sent.has(asked + 1) ? [] : pieces.flatMap((p, i) => (p.week === asked + 1 ? [i] : []));
}

/**
 * The participants who entered (or left) as the jobs are chosen (jobSeries), one atom a piece: each
 * week's year to date and the week's own, beside the statistics' figures of the field (the total
 * and, of those who entered, every indicator) as a stage chosen already, and the digests released
 * (their figures of the field) after them. A week's year to date less the week before's, a month of
 * the statistics less the weeks' days in it: no count of 1–4 of either is left computable.
 */
function peopleSeries(pieces: readonly Piece[], asked: number, counts: ReadonlyMap<string, PieceCounts>, statistics: StatisticsBeside | null, releases: readonly Release[], field: 'participantsEntered' | 'participantsLeft') {
  const value = (a: number) => counts.get(pieces[a].key)?.[field] ?? 0;
  const figures: (SeriesFigure & { name: string })[] = [];
  const beside = statistics ? statisticsFigures(pieces, statistics.year, statistics.figures[field], field) : { figures: [], atomCount: pieces.length };
  figures.push(...beside.figures.map((f) => ({ ...f, name: 'statistics' })));
  const atomsOf = (from: string, until: string) => pieces.flatMap((p, i) => (p.from >= from && p.until <= until ? [i] : []));
  const fixed = releasedToFix(releases, (_, from, until) => atomsOf(from, until).reduce((sum, a) => sum + value(a), 0), MINIMUM_SHOWN, [field]);
  for (const [list, published] of [[fixed.shown, true], [fixed.guarded, false]] as const) {
    for (const f of list) figures.push({ week: -2, name: `released:${f.week}`, atoms: atomsOf(f.from, f.until), value: f.value, published, fixed: true });
  }
  const sent = weeksSent(pieces, releases);
  const add = (week: number, name: string, atoms: number[], published: boolean, weekly = false) => figures.push({ week, name, atoms, value: atoms.reduce((s, a) => s + value(a), 0), published, weekly });
  for (let w = 0; w <= asked; w++) {
    if (w < asked && sent.has(w)) continue;
    add(w, 'ytd', pieces.flatMap((p, i) => (p.week <= w ? [i] : [])), true);
    add(w, 'week', pieces.flatMap((p, i) => (p.week === w ? [i] : [])), true, true);
    if (!figures.some((f) => f.name === 'next')) add(w, 'next', nextWeek(pieces, asked, sent), false);
  }
  const hidden = seriesPattern(figures, beside.atomCount);
  const at = (name: string) => figures.findIndex((f) => f.week === asked && f.name === name);
  const released: ReleasedFigure[] = figures.flatMap((f, i) => {
    if (f.week !== asked || f.atoms.length === 0 || f.name === 'next') return [];
    const ps = f.atoms.map((a) => pieces[a]);
    return [{ measure: field, from: ps[0].from, until: ps[ps.length - 1].until, value: f.value, hidden: hidden[i] }];
  });
  return { ytd: shown(figures[at('ytd')].value, hidden[at('ytd')]), week: shown(figures[at('week')].value, hidden[at('week')]), released };
}

/**
 * The statistics' figures of a measure over the digest's atoms (see jobSeries; the jobs' pieces
 * split by sector, two atoms a piece, the participants' one), as a stage before the digests' weeks
 * (`week` −1): shown where the statistics show them, else never published. They are chosen already
 * (PublishedYear): no count of 1–4 among them lies in the span of the shown ones, so seriesPattern
 * takes them as they are (`fixed`).
 */
function statisticsFigures(pieces: readonly Piece[], year: number, published: readonly YearFigure[], field: Field): { figures: SeriesFigure[]; atomCount: number } {
  const bySector = field === 'jobs';
  const per = bySector ? 2 : 1;
  const monthKey = (m: number) => `${year}-${String(m + 1).padStart(2, '0')}`;
  // After the pieces: each month's days after the digest's week (by sector); then each month's groups of the other groupings but the last.
  const rest = (m: number, social: boolean) => pieces.length * per + m * per + (social ? 1 : 0);
  const measure = MEASURES.find((m) => m.field === field && m.total[0] === 'total');
  const others = (measure?.dimensions ?? []).filter(([dimension]) => dimension !== 'sector');
  const offsets: number[] = [];
  let width = 0;
  for (const [, groups] of others) {
    offsets.push(width);
    width += groups.length - 1;
  }
  const base = pieces.length * per + 12 * per;
  const extra = (m: number, d: number, g: number) => base + m * width + offsets[d] + g;
  const piecesOfMonth = new Map<number, number[]>(Array.from({ length: 12 }, (_, m) => [m, pieces.flatMap((p, i) => (p.month === monthKey(m) ? [i] : []))]));
  // A month's days after the digest's week, if it has any (a month the pieces cover whole is their sum alone).
  const end = pieces[pieces.length - 1].until;
  const hasRest = (m: number) => (m === 11 ? `${year + 1}-01-01` : `${monthKey(m + 1)}-01`) > end;
  const sectorAtoms = (m: number, social: boolean) => [...(piecesOfMonth.get(m) ?? []).map((i) => i * per + (social ? 1 : 0)), ...(hasRest(m) ? [rest(m, social)] : [])];
  const totalAtoms = (m: number) => (bySector ? [...sectorAtoms(m, false), ...sectorAtoms(m, true)] : sectorAtoms(m, false));
  // A figure's parts (each 0 when it is shown as 0): a month's total's are its days' atoms and its groups', a group's its months'.
  const units = (xs: readonly number[]) => xs.map((a) => ({ atoms: [a] }));
  const groupAtoms = (m: number) => Array.from({ length: width }, (_, k) => base + m * width + k);
  const figures = published.map((f): SeriesFigure => {
    const atoms: number[] = [];
    const less: number[] = [];
    const parts: Pick<SeriesFigure, 'atoms' | 'less'>[] = [];
    for (const m of f.months) {
      if (f.dimension === 'total') {
        atoms.push(...totalAtoms(m));
        parts.push(...units([...totalAtoms(m), ...groupAtoms(m)]));
      } else if (f.dimension === 'sector') {
        atoms.push(...sectorAtoms(m, f.group === 'social'));
        parts.push(...units(sectorAtoms(m, f.group === 'social')));
      } else {
        const d = others.findIndex(([dimension]) => dimension === f.dimension);
        const groups = others[d][1];
        const g = groups.indexOf(f.group);
        if (g < groups.length - 1) {
          atoms.push(extra(m, d, g));
          parts.push(...units([extra(m, d, g)]));
        } else {
          const rest = Array.from({ length: groups.length - 1 }, (_, k) => extra(m, d, k));
          atoms.push(...totalAtoms(m));
          less.push(...rest);
          parts.push({ atoms: totalAtoms(m), less: rest });
        }
      }
    }
    return { week: -1, atoms, less, parts, value: f.value, published: !f.hidden, fixed: true };
  });
  return { figures, atomCount: base + 12 * width };
}
