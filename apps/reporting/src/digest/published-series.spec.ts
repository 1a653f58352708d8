import fc from 'fast-check';
import { partitionedTable } from '../statistics/disclosure-control';
import { cellOf, SeriesFigure, seriesPattern, weekFigureShown, YearToDateTable, yearToDatePatterns } from './published-series';

/**
 * A year of weekly digests on a small calendar: weeks, each made of one or two pieces (a month
 * ends inside it; the first week counted from 1 January, none of the year before); jobs started
 * in each piece in two sectors. Every figure the digests publish is a sum of those pieces' counts
 * (the atoms), so whether a hidden figure can be recomputed from all the shown ones, of every week
 * together, is whether its atoms' vector lies in the span of theirs — checked here independently
 * of the module, by Gaussian elimination over the atoms.
 */
interface Piece {
  week: number;
  month: number;
}
interface Year {
  pieces: Piece[];
  weeks: number;
  months: number;
  counts: number[][]; // per piece: [regular, social]
}

const count = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 2, arbitrary: fc.integer({ min: 5, max: 12 }) });

const years: fc.Arbitrary<Year> = fc
  .record({ weeks: fc.integer({ min: 1, max: 9 }), monthEnds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 9, maxLength: 9 }) })
  .chain(({ weeks, monthEnds }) => {
    const pieces: Piece[] = [];
    let month = 0;
    for (let week = 0; week < weeks; week++) {
      pieces.push({ week, month });
      // A month that ends inside this week (1: the rest of the week is the next month's) or with it (2).
      if (monthEnds[week] === 1 && week < weeks - 1) pieces.push({ week, month: ++month });
      if (monthEnds[week] === 2 && week < weeks - 1) month++;
    }
    return fc.array(fc.tuple(count, count), { minLength: pieces.length, maxLength: pieces.length }).map((counts) => ({ pieces, weeks, months: month + 1, counts: counts.map(([r, s]) => [r, s]) }));
  });

/** A figure as the digests publish it: the atoms (piece × sector) it sums, its value, whether it was shown. */
interface Published {
  atoms: number[];
  value: number;
  shown: boolean;
  published: boolean;
  what: string;
}

/** Each week's year to date (total, sectors and, if asked, months so far) and the week's own (total, sectors). */
function publish(year: Year, withMonths: boolean, byRule = false): Published[] {
  const atom = (p: number, sector: number) => p * 2 + sector;
  const sum = (atoms: number[]) => atoms.reduce((a, i) => a + year.counts[i >> 1][i & 1], 0);
  const split = (pieces: number[]): [string, number[]][] => [
    ['total', pieces.flatMap((i) => [atom(i, 0), atom(i, 1)])],
    ['regular', pieces.map((i) => atom(i, 0))],
    ['social', pieces.map((i) => atom(i, 1))],
  ];
  const figures: (SeriesFigure & { what: string })[] = [];
  for (let w = 0; w < year.weeks; w++) {
    const toDate = year.pieces.flatMap((p, i) => (p.week <= w ? [i] : []));
    const months = withMonths ? [...new Set(toDate.map((i) => year.pieces[i].month))].sort((a, b) => a - b) : [];
    const ytd: [string, number[]][] = [...split(toDate), ...months.map((m): [string, number[]] => [`m${m}`, toDate.filter((i) => year.pieces[i].month === m).flatMap((i) => [atom(i, 0), atom(i, 1)])])];
    for (const [name, atoms] of ytd) figures.push({ week: w, atoms, value: sum(atoms), published: true, what: `ytd ${w} ${name}` });
    for (const [name, atoms] of split(year.pieces.flatMap((p, i) => (p.week === w ? [i] : [])))) figures.push({ week: w, atoms, value: sum(atoms), published: true, weekly: true, what: `week ${w} ${name}` });
  }
  const hidden = byRule ? patternByRule(figures) : seriesPattern(figures, year.pieces.length * 2);
  return figures.map((f, i) => ({ atoms: [...f.atoms], value: f.value, shown: !hidden[i], published: f.published, what: f.what }));
}

/** The same figures hidden by yearToDatePatterns and weekFigureShown (no month split): each week's year to date as a table of the total and the sectors. */
function patternByRule(figures: (SeriesFigure & { what: string })[]): boolean[] {
  const weeks = [...new Set(figures.map((f) => f.week))];
  const ytd = (w: number, name: string) => figures.find((f) => f.what === `ytd ${w} ${name}`)!.value;
  const tables: YearToDateTable[] = weeks.map((w) => ({ names: ['total', 'regular', 'social'], table: partitionedTable(ytd(w, 'total'), [[ytd(w, 'regular'), ytd(w, 'social')]]) }));
  const patterns = yearToDatePatterns(tables);
  return figures.map((f) => {
    const [kind, , name] = f.what.split(' ');
    if (kind === 'ytd') return patterns[f.week][tables[f.week].names.indexOf(name)];
    const before = f.week > 0 ? cellOf(tables[f.week - 1], patterns[f.week - 1], name) : cellOf(null, null, name);
    return !weekFigureShown(f.value, cellOf(tables[f.week], patterns[f.week], name), before);
  });
}

/** A basis of the span of these vectors (Gaussian elimination), and whether `atoms` lies in it. */
function spanOf(vectors: number[][], width: number): (atoms: number[]) => boolean {
  const rows: number[][] = [];
  for (const vector of vectors) {
    const v = reduceBy(rows, vector);
    if (v.some((x) => Math.abs(x) > 1e-9)) rows.push(v);
  }
  return (atoms) => {
    const target = new Array<number>(width).fill(0);
    for (const a of atoms) target[a] += 1;
    return reduceBy(rows, target).every((x) => Math.abs(x) < 1e-9);
  };
}

function reduceBy(rows: number[][], vector: number[]): number[] {
  const v = [...vector];
  for (const row of rows) {
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    const f = v[pivot] / row[pivot];
    if (f !== 0) for (let j = 0; j < v.length; j++) v[j] -= f * row[j];
  }
  return v;
}

function checkYear(year: Year, withMonths: boolean, byRule = false): void {
  const published = publish(year, withMonths, byRule);
  const width = year.pieces.length * 2;
  const vector = (atoms: number[]) => {
    const v = new Array<number>(width).fill(0);
    for (const a of atoms) v[a] += 1;
    return v;
  };
  // A figure shown as 0 tells each of its atoms (0: counts are not negative; docs/decisions.md, 'Bounds').
  const inSpan = spanOf(published.filter((p) => p.shown).flatMap((p) => (p.value === 0 ? [vector(p.atoms), ...p.atoms.map((a) => vector([a]))] : [vector(p.atoms)])), width);
  for (const p of published) {
    if (p.shown) expect({ what: p.what, value: p.value, published: p.published, small: p.value >= 1 && p.value <= 4 }).toMatchObject({ published: true, small: false });
    // A figure hidden only to protect another (0, or 5 or more) may be recomputed: it gives no one away (by the rule, no hidden year to date may).
    else if ((p.value >= 1 && p.value <= 4) || (byRule && p.what.startsWith('ytd'))) expect({ what: p.what, recomputable: inSpan(p.atoms) }).toMatchObject({ recomputable: false });
  }
}

describe('a series published week after week', () => {
  it('hides a year to date whose difference from last week’s shown one is 1–4 (that week’s count), and what would give it away', () => {
    // Jobs, all social: 37 by the end of week 1 (30 of them in week 1), 40 by week 2, 46 by week 3.
    const figures: SeriesFigure[] = [];
    const weekly = [37, 3, 6];
    weekly.forEach((n, w) => {
      figures.push({ week: w, atoms: Array.from({ length: w + 1 }, (_, v) => v), value: weekly.slice(0, w + 1).reduce((a, b) => a + b, 0), published: true });
      figures.push({ week: w, atoms: [w], value: n, published: true, weekly: true });
    });
    const hidden = seriesPattern(figures, 3);
    // Week 2: its 3 hidden, and so its year to date (40 − 37); week 3: its own 6 hidden (46 less 6 would give 40), its year to date shown (46 − 37 = 9 is two weeks).
    expect(hidden).toEqual([false, false, true, true, false, true]);
  });

  it('chooses a week after stages chosen already that give one of their own protected counts away (figures of two moments), without throwing', () => {
    // A 2 hidden, then a stage of another moment whose 9 and 7 give it away: nothing this week hides can protect it again.
    const figures: SeriesFigure[] = [
      { week: -2, atoms: [0], value: 2, published: false, fixed: true },
      { week: -1, atoms: [0, 1], value: 9, published: true, fixed: true },
      { week: -1, atoms: [1], value: 7, published: true, fixed: true },
      { week: 0, atoms: [2], value: 6, published: true },
      { week: 0, atoms: [1, 2], value: 13, published: true },
    ];
    expect(seriesPattern(figures, 3)).toEqual([true, false, false, false, false]);
  });

  it('property: from all the weeks shown together no hidden count of 1–4 (a year to date or a week’s) can be recomputed; none shown is 1–4', () => {
    fc.assert(fc.property(years, (year) => checkYear(year, false)), { numRuns: Number(process.env.RUNS ?? 120), seed: process.env.SEED ? Number(process.env.SEED) : undefined });
  });

  it('property: the same for the rule of a year to date without months (yearToDatePatterns), where no hidden year to date can be recomputed either', () => {
    fc.assert(fc.property(years, (year) => checkYear(year, false, true)), { numRuns: Number(process.env.RUNS ?? 120), seed: process.env.SEED ? Number(process.env.SEED) : undefined });
  });

  it('property: the same with the year to date split by month as well (a month that has ended no longer changes)', () => {
    fc.assert(fc.property(years, (year) => checkYear(year, true)), { numRuns: Number(process.env.RUNS ?? 120), seed: process.env.SEED ? Number(process.env.SEED) : undefined });
  });
});
