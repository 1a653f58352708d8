import { CONTRACT_TYPES, INDICATORS, PARTICIPANT_RESULTS, SECTORS, WORK_DOMAINS } from '@cirkel/contracts';
import { SeriesFigure, seriesPattern, shownSpan } from '../digest/published-series';
import { ReleasedNow } from '../digest/released-figures';
import { Period, periodsOfYear } from './periods';
import { Figure } from './statistics-view';

/**
 * Disclosure control of everything a reader without detail rights can see of a hub's year at once:
 * every period (the year, its quarters and months), every grouping of each, and their totals —
 * `GET /statistics` for city staff, the suppressed ESF export, the targets' progress and the public
 * page. A table suppressed on its own is not enough: a month hidden in its own table is its quarter
 * less the other two months, and a quarter's hidden group the year's less the other quarters'. So
 * each measure's figures of the whole year are suppressed together, as sums of the same atoms (the
 * months), with published-series' `seriesPattern`: no count of 1–4 lies in the span of all the
 * figures shown, whichever periods and tables a reader puts side by side. Pure; no I/O.
 *
 * A measure's groups split its total (each dimension's groups add up to it), so a month's atoms are
 * its total and, per dimension, every group but the last; the last is the total less the others.
 * The dimensions of a measure therefore share only the month totals, and the one-way tables of a
 * period hold no other relation (the span of a multi-way table's one-way margins is exactly that).
 * The figures are chosen in stages, each with the earlier ones fixed: the totals of every period
 * first, then each dimension over every period; within a stage a month is hidden before a quarter,
 * a quarter before the year (`weekly`, then the smaller count).
 */

/** A stored figure of one of the year's periods. */
export interface PeriodFigure extends Figure {
  period: string;
}

export type Field = 'jobs' | 'participantsEntered' | 'participantsLeft';

/** A measure: the figures of one field under one total, split by its dimensions (none: each period's total stands alone). */
interface Measure {
  field: Field;
  total: readonly [string, string];
  dimensions: readonly (readonly [string, readonly string[]])[];
}

const INDICATOR_DIMENSIONS = Object.entries(INDICATORS) as [string, readonly string[]][];
/** Jobs (and their FTE, which share the pattern) by every grouping; participants entered by indicator; participants left, and each result, alone. */
export const MEASURES: readonly Measure[] = [
  { field: 'jobs', total: ['total', ''], dimensions: [['workDomain', [...WORK_DOMAINS, 'unknown']], ['sector', SECTORS], ['contractType', CONTRACT_TYPES], ...INDICATOR_DIMENSIONS] },
  { field: 'participantsEntered', total: ['total', ''], dimensions: INDICATOR_DIMENSIONS },
  { field: 'participantsLeft', total: ['total', ''], dimensions: [] },
  ...(['resultAtExit', 'resultAfterSixMonths'] as const).flatMap((dimension) => PARTICIPANT_RESULTS.map((group): Measure => ({ field: 'participantsLeft', total: [dimension, group], dimensions: [] }))),
];

const key = (field: Field, period: string, dimension: string, group: string) => `${field}\u0000${period}\u0000${dimension}\u0000${group}`;

/** The atoms of one measure's year, and every figure of it as a sum of them. */
interface Atoms {
  readonly measure: Measure;
  readonly atomCount: number;
  /** The figure of a dimension's group (or the total: dimension −1) summed over these months (0–11). */
  figure(months: readonly number[], dimension: number, group: number): Figured;
}

/** A figure as a sum of atoms, with its parts (each month's count, or finer: a month's total of 0 makes its groups 0 too). */
type Figured = Pick<SeriesFigure, 'atoms' | 'less' | 'parts'>;

/** The atoms of one measure's year: per month its total, then per dimension each group but the last. */
class MeasureAtoms implements Atoms {
  readonly width: number;
  private readonly offsets: number[] = [];
  constructor(readonly measure: Measure) {
    let offset = 1;
    for (const [, groups] of measure.dimensions) {
      this.offsets.push(offset);
      offset += groups.length - 1;
    }
    this.width = offset;
  }

  get atomCount(): number {
    return this.width * 12;
  }

  figure(months: readonly number[], dimension: number, group: number): Figured {
    const atoms: number[] = [];
    const less: number[] = [];
    const parts: Pick<SeriesFigure, 'atoms' | 'less'>[] = [];
    for (const m of months) {
      const base = m * this.width;
      if (dimension < 0) {
        atoms.push(base);
        // A month's total of 0: its groups are 0 too.
        for (let a = base; a < base + this.width; a++) parts.push({ atoms: [a] });
        continue;
      }
      const size = this.measure.dimensions[dimension][1].length;
      const offset = base + this.offsets[dimension];
      if (group < size - 1) {
        atoms.push(offset + group);
        parts.push({ atoms: [offset + group] });
      } else {
        const others = Array.from({ length: size - 1 }, (_, g) => offset + g);
        atoms.push(base);
        less.push(...others);
        parts.push({ atoms: [base], less: others });
      }
    }
    return { atoms, less, parts };
  }
}

/**
 * A measure's atoms when digests were released: each month cut into the segments of days the
 * released figures are sums of (segmentsOf), each segment's count (the jobs' by sector), then per
 * month every other grouping's groups but the last (the last is the month's total less the
 * others). The same span as MeasureAtoms' for the year's figures; besides, every released figure
 * is a sum of them.
 */
class SegmentedAtoms implements Atoms {
  readonly atomCount: number;
  private readonly bases: number[] = [];
  private readonly segments: { from: string; until: string }[][] = [];
  /** The sector's dimension (the jobs: two atoms a segment), or −1 (one). */
  private readonly sector: number;
  private readonly split: number;
  private readonly otherOffsets = new Map<number, number>();
  constructor(
    readonly measure: Measure,
    year: number,
    cuts: readonly string[],
  ) {
    this.sector = measure.dimensions.findIndex(([d]) => d === 'sector');
    this.split = this.sector < 0 ? 1 : measure.dimensions[this.sector][1].length;
    let otherWidth = 0;
    measure.dimensions.forEach(([, groups], d) => {
      if (d === this.sector) return;
      this.otherOffsets.set(d, otherWidth);
      otherWidth += groups.length - 1;
    });
    let base = 0;
    for (let m = 0; m < 12; m++) {
      const from = monthStart(year, m);
      const until = monthStart(year, m + 1);
      const inner = cuts.filter((d) => d > from && d < until);
      const bounds = [from, ...inner, until];
      this.segments.push(bounds.slice(0, -1).map((f, i) => ({ from: f, until: bounds[i + 1] })));
      this.bases.push(base);
      base += this.split * (bounds.length - 1) + otherWidth;
    }
    this.atomCount = base;
  }

  private all(): number[] {
    return Array.from({ length: this.split }, (_, k) => k);
  }

  private segmentAtoms(m: number, parts: readonly number[], from = '', until = '9999'): number[] {
    return this.segments[m].flatMap((s, j) => (s.from >= from && s.until <= until ? parts.map((k) => this.bases[m] + this.split * j + k) : []));
  }

  figure(months: readonly number[], dimension: number, group: number): Figured {
    const atoms: number[] = [];
    const less: number[] = [];
    const parts: Pick<SeriesFigure, 'atoms' | 'less'>[] = [];
    const units = (xs: readonly number[]) => parts.push(...xs.map((a) => ({ atoms: [a] })));
    for (const m of months) {
      if (dimension < 0) {
        atoms.push(...this.segmentAtoms(m, this.all()));
        // A month's total of 0: every atom of the month (its segments, its groups) is 0.
        units(Array.from({ length: (m < 11 ? this.bases[m + 1] : this.atomCount) - this.bases[m] }, (_, k) => this.bases[m] + k));
      } else if (dimension === this.sector) {
        const own = this.segmentAtoms(m, [group]);
        atoms.push(...own);
        units(own);
      } else {
        const size = this.measure.dimensions[dimension][1].length;
        const offset = this.bases[m] + this.split * this.segments[m].length + (this.otherOffsets.get(dimension) as number);
        if (group < size - 1) {
          atoms.push(offset + group);
          units([offset + group]);
        } else {
          const others = Array.from({ length: size - 1 }, (_, g) => offset + g);
          atoms.push(...this.segmentAtoms(m, this.all()));
          less.push(...others);
          parts.push({ atoms: this.segmentAtoms(m, this.all()), less: others });
        }
      }
    }
    return { atoms, less, parts };
  }

  /** A released figure's days (from, until: segment bounds of the year), of all sectors or one (`sector`: its group, for the jobs). */
  days(from: string, until: string, sector?: number): Pick<SeriesFigure, 'atoms' | 'less'> {
    return { atoms: this.segments.flatMap((_, m) => this.segmentAtoms(m, sector === undefined ? this.all() : [sector], from, until)), less: [] };
  }
}

const monthStart = (year: number, m: number) => (m >= 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`);

/** The months (0–11) of the year that a period covers, or null when it does not cover whole months of the year. */
export function monthsOf(year: number, period: Pick<Period, 'from' | 'until'>): number[] | null {
  const months: number[] = [];
  for (let m = 0; m < 12; m++) {
    const from = `${year}-${String(m + 1).padStart(2, '0')}-01`;
    const until = m === 11 ? `${year + 1}-01-01` : `${year}-${String(m + 2).padStart(2, '0')}-01`;
    // A period that begins or ends inside a month of the year is no sum of months.
    if ((period.from > from && period.from < until) || (period.until > from && period.until < until)) return null;
    if (from >= period.from && until <= period.until) months.push(m);
  }
  return months;
}

/** A figure of the year as readers without detail rights are shown it (or a phase's part of the year, never shown): the months it sums (0–11). */
export interface YearFigure {
  months: readonly number[];
  dimension: string;
  group: string;
  value: number;
  hidden: boolean;
}

/** What a reader without detail rights is shown of a hub's year: which figures are hidden, and whether a sum of months (an ESF phase's part of the year) is fixed by the shown ones. */
export class PublishedYear {
  private readonly hidden = new Map<string, boolean>();
  private readonly spans: ((figure: Pick<SeriesFigure, 'atoms' | 'less'>) => boolean)[] = [];
  private readonly atoms: Atoms[];
  /**
   * Every figure of the jobs, the participants entered and those who left (each period's total and groups, and the phases' parts),
   * as chosen: the weekly digest is chosen beside them.
   */
  readonly figures: Record<Field, YearFigure[]> = { jobs: [], participantsEntered: [], participantsLeft: [] };

  /**
   * `phases`: the hub's ESF phases. A phase's part in this year (its months in it) is protected as a
   * figure that is never shown here: a part of 1–4 is not left computable from the year's shown
   * figures, so that phaseHidden hides the phase (a phase of 1–4 has a part of 1–4).
   *
   * `released`: the weekly digests' jobs and participants entered and left as sent (releasedToFix: the shown ones that still count
   * the same, and the hidden ones of 1–4), taken first as a stage chosen already: a figure the
   * digests showed is known (shown here too, unless 1–4 now), and no hidden count of 1–4 of either
   * is left computable from everything shown together. A measure's months are then cut into the
   * released days' segments (SegmentedAtoms). `released.ahead`: the week after the last one released
   * (weekAfterReleases), its counts now, protected as figures never shown here: a 0 shown tells
   * its parts (published-series' `parts`), and January's count less the digest's year to date with
   * February's 0 would otherwise give that week's count away before its digest is asked
   * (docs/decisions.md, 'Bounds').
   */
  constructor(
    readonly year: number,
    stored: readonly PeriodFigure[],
    phases: readonly Pick<Period, 'from' | 'until'>[] = [],
    released: { shown: readonly ReleasedNow[]; guarded: readonly ReleasedNow[]; ahead?: readonly ReleasedNow[] } = { shown: [], guarded: [] },
  ) {
    const periods = periodsOfYear(year).map((p) => ({ key: p.key, months: monthsOf(year, p) as number[] }));
    const monthKeys = periods.filter((p) => p.months.length === 1).map((p) => p.key);
    const parts = phases.flatMap((phase) => {
      const months = monthsOf(year, phase);
      return months && months.length > 0 ? [months] : [];
    });
    const values = new Map(stored.map((f) => [`${f.period}\u0000${f.dimension}\u0000${f.groupKey}`, f]));
    const valueOf = (field: Field, period: string, dimension: string, group: string) => values.get(`${period}\u0000${dimension}\u0000${group}`)?.[field] ?? 0;
    const partOf = (field: Field, months: readonly number[], dimension: string, group: string) => months.reduce((sum, m) => sum + valueOf(field, monthKeys[m], dimension, group), 0);
    const fixed = { shown: released.shown, guarded: released.guarded, ahead: released.ahead ?? [] };
    /** A released figure's measure: the jobs' (in all or of a sector), or a field's total (participants entered, left). */
    const fieldOf = (f: ReleasedNow): Field => (f.measure.startsWith('jobs') ? 'jobs' : (f.measure as Field));
    this.atoms = MEASURES.map((measure) => {
      const of = [...fixed.shown, ...fixed.guarded, ...fixed.ahead].filter((f) => fieldOf(f) === measure.field);
      const cuts = [...new Set(of.flatMap((f) => [f.from, f.until]))].sort();
      return measure.total[0] === 'total' && cuts.length > 0 ? new SegmentedAtoms(measure, year, cuts) : new MeasureAtoms(measure);
    });
    for (const atoms of this.atoms) {
      const { field, total, dimensions } = atoms.measure;
      const figures: (SeriesFigure & { key: string; at: Omit<YearFigure, 'value' | 'hidden'> })[] = [];
      const ahead: typeof figures = [];
      if (atoms instanceof SegmentedAtoms) {
        const sectorOf = (f: ReleasedNow) => (f.measure === 'jobs:regular' ? 0 : f.measure === 'jobs:social' ? 1 : undefined);
        const release = (f: ReleasedNow, published: boolean) => ({ week: -1, ...atoms.days(f.from, f.until, sectorOf(f)), value: f.value, published, fixed: true, key: 'release', at: { months: [], dimension: '', group: '' } });
        const mine = (f: ReleasedNow) => fieldOf(f) === field;
        figures.push(...fixed.shown.filter(mine).map((f) => release(f, true)), ...fixed.guarded.filter(mine).map((f) => release(f, false)));
        ahead.push(...fixed.ahead.filter(mine).map((f) => ({ ...release(f, false), week: 0, value: f.now, fixed: false })));
      }
      for (const p of periods) {
        figures.push({ week: 0, ...atoms.figure(p.months, -1, 0), value: valueOf(field, p.key, total[0], total[1]), published: true, weekly: p.months.length === 1, key: key(field, p.key, total[0], total[1]), at: { months: p.months, dimension: total[0], group: total[1] } });
      }
      for (const months of parts) figures.push({ week: 0, ...atoms.figure(months, -1, 0), value: partOf(field, months, total[0], total[1]), published: false, key: '', at: { months, dimension: total[0], group: total[1] } });
      figures.push(...ahead);
      dimensions.forEach(([dimension, groups], d) => {
        for (const p of periods) {
          groups.forEach((group, g) => {
            figures.push({ week: d + 1, ...atoms.figure(p.months, d, g), value: valueOf(field, p.key, dimension, group), published: true, weekly: p.months.length === 1, key: key(field, p.key, dimension, group), at: { months: p.months, dimension, group } });
          });
        }
        for (const months of parts) groups.forEach((group, g) => figures.push({ week: d + 1, ...atoms.figure(months, d, g), value: partOf(field, months, dimension, group), published: false, key: '', at: { months, dimension, group } }));
      });
      const hidden = seriesPattern(figures, atoms.atomCount);
      figures.forEach((f, i) => {
        if (f.published && f.key !== 'release') this.hidden.set(f.key, hidden[i]);
      });
      if (total[0] === 'total') this.figures[field].push(...figures.flatMap((f, i) => (f.key === 'release' ? [] : [{ ...f.at, value: f.value, hidden: hidden[i] }])));
      this.spans.push(shownSpan(figures, hidden, atoms.atomCount));
    }
  }

  /** Whether a figure of one of the year's periods is hidden (FTE goes with jobs). */
  isHidden(field: Field, period: string, dimension: string, group: string): boolean {
    return this.hidden.get(key(field, period, dimension, group)) ?? false;
  }

  /** Whether the sum over these months of a figure is fixed by what is shown (so showing it says nothing more). */
  isKnown(field: Field, months: readonly number[], dimension: string, group: string): boolean {
    if (months.length === 0) return true;
    const m = MEASURES.findIndex((measure) => measure.field === field && (measure.dimensions.some(([d]) => d === dimension) || (measure.total[0] === dimension && measure.total[1] === group)));
    if (m < 0) return false;
    const measure = MEASURES[m];
    const d = measure.dimensions.findIndex(([name]) => name === dimension);
    const g = d < 0 ? 0 : measure.dimensions[d][1].indexOf(group);
    return this.spans[m](this.atoms[m].figure(months, d, g));
  }
}

/**
 * The hidden figures of a period that is no period of one year (an ESF phase): a figure is shown
 * only where, in every year it covers, its part is fixed by that year's shown figures — it then
 * tells nothing the years do not. A phase that begins or ends inside a month is hidden whole.
 */
export function phaseHidden(phase: Pick<Period, 'from' | 'until'>, years: readonly PublishedYear[]): (field: Field, dimension: string, group: string) => boolean {
  const parts = years.map((y) => ({ year: y, months: monthsOf(y.year, phase) }));
  return (field, dimension, group) => parts.some(({ year, months }) => months === null || !year.isKnown(field, months, dimension, group));
}

/** The years (Brussels calendar) a period touches. */
export function yearsOf(period: Pick<Period, 'from' | 'until'>): number[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(lastDay(period.until).slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const lastDay = (until: string) => new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
