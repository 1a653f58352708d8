import { LinearTable, MINIMUM_SHOWN, suppressionPattern } from '../statistics/disclosure-control';

/**
 * Disclosure control of a series published week after week (the weekly city digest: each week's
 * figures and the year to date). Every figure is a sum of counts of small pieces of time and group
 * (the atoms: the jobs of one week's days in one month and one sector, say), and every earlier
 * week's figures stay in the readers' hands. So a hidden figure is safe only if it is not a linear
 * combination of all the shown figures of the year, this week's and every earlier week's together:
 * not the difference of two weeks' year to date, not a year to date less its other months, nor
 * anything longer. Pure; no I/O.
 */

/** A figure of one week: the atoms it sums, its value, and whether it is published at all (one that is not is only protected). */
export interface SeriesFigure {
  week: number;
  atoms: readonly number[];
  /** Atoms it subtracts (a group given as its total less the other groups: the statistics' tables). */
  less?: readonly number[];
  value: number;
  published: boolean;
  /** The week's own figure (not a year to date): hidden first when one must go. */
  weekly?: boolean;
  /**
   * Chosen already, elsewhere (the statistics city staff are shown beside the digests): hidden
   * exactly when not published. A week of such figures is taken as it is, without a search (its
   * chooser left no count of 1–4 computable); later weeks protect its hidden counts of 1–4.
   */
  fixed?: boolean;
  /**
   * The counts it sums, each non-negative, so each 0 when the figure is shown as 0: what a reader learns of a shown 0 beyond the
   * sum (docs/decisions.md, 'Bounds'). By default each of its atoms; a figure with `less` (a group given as its total less the
   * others) or whose atoms have parts of their own (a month's total: its groups too) names them.
   */
  parts?: readonly Pick<SeriesFigure, 'atoms' | 'less'>[];
}

const EPSILON = 1e-9;

/** What a reader learns of a shown figure: its sum, or, shown as 0, each of its parts (0). */
function knownOf(f: SeriesFigure): Pick<SeriesFigure, 'atoms' | 'less'>[] {
  if (f.value !== 0) return [f];
  return [...(f.parts ?? (f.less && f.less.length > 0 ? [] : f.atoms.map((a) => ({ atoms: [a] })))), f];
}

/**
 * Which figures to hide, week by week (each week's choice made with every earlier week's fixed,
 * as it was sent): every count from 1 to 4, and then, while any count of 1–4 of this or an earlier
 * week (hidden, or never published) lies in the span of the shown ones, one more of this week's
 * shown figures: the first, in the order of the week's own figures before the year to date (which
 * would otherwise have to stay hidden week after week) and then the smallest count (a zero last),
 * whose hiding exposes fewer. A figure shown as 0 tells each of its parts
 * (`parts`: 0, counts being non-negative), which a sum alone does not: the reader's knowledge holds
 * them too, so a count they would fix exactly is protected as any other. A figure that the
 * earlier weeks' shown ones fix already (a month that has ended, shown before) is shown again and
 * never hidden for another. Hiding all of a week's other figures leaves the earlier weeks as
 * protected as they were, so the search ends. Figures of a week must come after those of earlier weeks.
 */
export function seriesPattern(figures: readonly SeriesFigure[], atomCount: number, minimum = MINIMUM_SHOWN): boolean[] {
  const hidden = figures.map((f) => !f.published || (f.value > 0 && f.value < minimum));
  // What must stay unknown: every count of 1–4, published (hidden) or not. A figure hidden only to protect one is 0 or 5 or more and
  // may be recomputed: protecting it too would, after one small week, keep the year to date hidden for the rest of the year.
  const protects = (i: number) => figures[i].value > 0 && figures[i].value < minimum;
  const basis: Row[] = [];
  let guarded: { figure: number; residual: Float64Array }[] = [];
  const weeks = [...new Set(figures.map((f) => f.week))];
  for (const week of weeks) {
    // A figure the earlier weeks' shown ones fix already (a month that had ended by last week) is known: shown, never hidden for
    // another — unless it is 1–4 now (released figures of another moment: records back-dated since), which stays hidden.
    // A 0 is known only with each of its parts (a sum of 0 that earlier figures fix says nothing of the parts to a linear reader).
    const fixedBy = (f: SeriesFigure) => (f.published ? knownOf(f) : [f]).every((k) => isZero(reduce(vectorOf(k, atomCount), basis)));
    const known = new Set(figures.flatMap((f, i) => (f.week === week && fixedBy(f) ? [i] : [])));
    for (const i of known) hidden[i] = !figures[i].published || protects(i);
    const own = figures.flatMap((f, i) => (f.week === week && !known.has(i) ? [i] : []));
    if (own.length > 0 && own.every((i) => figures[i].fixed)) {
      for (const i of own) if (figures[i].published) for (const k of knownOf(figures[i])) addRow(basis, reduce(vectorOf(k, atomCount), basis));
      // A protected count that stages chosen already give away between them (released figures of moments whose counts went back
      // and forth) cannot be protected by this week's figures: it is left out rather than searched for in vain (which threw).
      guarded = [...guarded, ...own.filter((i) => hidden[i] && protects(i)).map((figure) => ({ figure, residual: vectorOf(figures[figure], atomCount) }))]
        .map(({ figure, residual }) => ({ figure, residual: reduce(residual, basis) }))
        .filter(({ residual }) => !isZero(residual));
      continue;
    }
    // Each figure less its part in the earlier weeks' span, once: a trial below reduces it only by this week's other shown figures.
    // What a shown one tells (its sum, or a 0's parts) likewise, each a source of its own (`through` counts by source).
    const residualOf = new Map(own.map((i) => [i, reduce(vectorOf(figures[i], atomCount), basis)]));
    const sources = own.flatMap((i, k) => (figures[i].published ? knownOf(figures[i]).map((part) => ({ k, residual: reduce(vectorOf(part, atomCount), basis) })) : []));
    /**
     * This week's shown figures as rows beyond the earlier weeks', the counts of 1–4 they would expose, and the shown figures
     * that one way of computing an exposed count uses (only hiding one of those can protect it: the others are tried no more).
     */
    const evaluate = (hide: readonly boolean[]) => {
      const added: Row[] = [];
      const uses: Float64Array[] = [];
      sources.forEach(({ k, residual }, s) => {
        if (hide[own[k]]) return;
        const through = new Float64Array(sources.length);
        through[s] = 1;
        addRow(added, reduce(residual, added, uses, through), uses, through);
      });
      // A protected count that the earlier stages give away already (a guard of days no figure of this week's can cover) is left out, as above.
      const candidates = [...guarded, ...own.filter((i) => hide[i] && protects(i) && !isZero(residualOf.get(i) as Float64Array)).map((figure) => ({ figure, residual: residualOf.get(figure) as Float64Array }))];
      const support = new Set<number>();
      let exposed = 0;
      for (const { residual } of candidates) {
        const through = new Float64Array(sources.length);
        if (!isZero(reduce(residual, added, uses, through))) continue;
        exposed++;
        through.forEach((c, s) => Math.abs(c) > EPSILON && support.add(own[sources[s].k]));
      }
      return { added, candidates, exposed, support };
    };
    for (let state = evaluate(hidden); ; ) {
      if (state.exposed === 0) {
        basis.push(...state.added);
        guarded = state.candidates.map(({ figure, residual }) => ({ figure, residual: reduce(residual, state.added) }));
        break;
      }
      // The first shown figure whose hiding exposes fewer — this week's own before a year to date (`weekly`), then the smallest
      // count, a zero last — or else the one that leaves the fewest exposed.
      const cost = (i: number) => (figures[i].value > 0 ? figures[i].value : Number.MAX_SAFE_INTEGER);
      const order = own.filter((i) => !hidden[i] && state.support.has(i)).sort((a, b) => Number(!figures[a].weekly) - Number(!figures[b].weekly) || cost(a) - cost(b) || a - b);
      const tried: { i: number; after: ReturnType<typeof evaluate> }[] = [];
      for (const i of order) {
        tried.push({ i, after: evaluate(hidden.map((h, j) => h || j === i)) });
        if (tried[tried.length - 1].after.exposed < state.exposed) break;
      }
      const ranked = tried.sort((a, b) => a.after.exposed - b.after.exposed);
      // Cannot happen: with all of this week's figures hidden (but the known) the shown ones are the earlier weeks', which fixed none of these.
      if (ranked.length === 0) throw new Error(`published series: a count of week ${week} is derivable and nothing is left to hide`);
      hidden[ranked[0].i] = true;
      state = ranked[0].after;
    }
  }
  return hidden;
}

/** A row of the basis of the shown figures: 1 at its pivot, 0 at every earlier row's pivot. */
interface Row {
  pivot: number;
  values: Float64Array;
}

function vectorOf({ atoms, less = [] }: Pick<SeriesFigure, 'atoms' | 'less'>, width: number): Float64Array {
  const v = new Float64Array(width);
  for (const a of atoms) v[a] += 1;
  for (const a of less) v[a] -= 1;
  return v;
}

/** Whether a sum of atoms is fixed by the shown figures (those `hidden` leaves): what a reader of them all can compute. */
export function shownSpan(figures: readonly SeriesFigure[], hidden: readonly boolean[], atomCount: number): (figure: Pick<SeriesFigure, 'atoms' | 'less'>) => boolean {
  const basis: Row[] = [];
  figures.forEach((f, i) => {
    if (!hidden[i]) for (const k of knownOf(f)) addRow(basis, reduce(vectorOf(k, atomCount), basis));
  });
  return (figure) => isZero(reduce(vectorOf(figure, atomCount), basis));
}

/**
 * The vector less its part in the span of the rows (a copy). With `uses` (each row as a combination of figures) and `through`,
 * `through` (the vector as a combination of figures) is kept the reduced vector's: less each row's combination times the factor taken away.
 */
function reduce(vector: Float64Array, rows: readonly Row[], uses?: readonly Float64Array[], through?: Float64Array): Float64Array {
  const v = Float64Array.from(vector);
  rows.forEach(({ pivot, values }, r) => {
    const f = v[pivot];
    if (Math.abs(f) < EPSILON) return;
    for (let j = 0; j < v.length; j++) v[j] -= f * values[j];
    if (uses && through) for (let k = 0; k < through.length; k++) through[k] -= f * uses[r][k];
  });
  return v;
}

function addRow(rows: Row[], reduced: Float64Array, uses?: Float64Array[], through?: Float64Array): void {
  let pivot = -1;
  for (let j = 0; j < reduced.length; j++) {
    if (Math.abs(reduced[j]) > EPSILON) {
      pivot = j;
      break;
    }
  }
  if (pivot < 0) return;
  const scale = reduced[pivot];
  for (let j = 0; j < reduced.length; j++) reduced[j] /= scale;
  rows.push({ pivot, values: reduced });
  if (uses && through) uses.push(through.map((c) => c / scale));
}

const isZero = (v: Float64Array) => v.every((x) => Math.abs(x) < EPSILON);

/**
 * One measure's year to date as of one week, as a table (a total split into groups): its cells
 * named (a name is the same cell in every week of the year), their values and the sums they obey.
 */
export interface YearToDateTable {
  names: readonly string[];
  table: LinearTable;
}

/**
 * The quicker rule for a measure whose year to date holds no month split (organisations by type,
 * ideas by domain, participants, sessions…), week by week through the year: a cell is hidden when
 * it is 1–4 or differs by 1–4 from the value of it last shown this year (0 before any), then what
 * would give a hidden cell away within the week's table. A week's own figure is then shown only
 * where it is the difference of two shown values of the year to date (weekFigureShown), so it says
 * nothing more. Each week's table ties only its own cells (every cell can change from one week to
 * the next), so a cell no week's table gives away is given away by none of them together — the same
 * property test as seriesPattern's checks it.
 */
export function yearToDatePatterns(weeks: readonly YearToDateTable[], minimum = MINIMUM_SHOWN): boolean[][] {
  const lastShown = new Map<string, number>();
  return weeks.map(({ names, table }) => {
    const also = table.values.map((v, i) => {
      const step = Math.abs(v - (lastShown.get(names[i]) ?? 0));
      return step > 0 && step < minimum;
    });
    const hidden = suppressionPattern(table, minimum, also);
    names.forEach((name, i) => {
      if (!hidden[i]) lastShown.set(name, table.values[i]);
    });
    return hidden;
  });
}

/** A cell of one week's year to date by name: its value and whether hidden (a group absent that week is 0 and shown; so is everything before the year's first week). */
export function cellOf(week: YearToDateTable | null, hidden: readonly boolean[] | null, name: string): { value: number; hidden: boolean } {
  const i = week ? week.names.indexOf(name) : -1;
  return i < 0 || !week || !hidden ? { value: 0, hidden: false } : { value: week.table.values[i], hidden: hidden[i] };
}

/**
 * Whether a week's own figure is shown: only when its cell's year to date is shown at this week's
 * end and at the week before's, and the figure is their difference.
 */
export function weekFigureShown(value: number, now: { value: number; hidden: boolean }, before: { value: number; hidden: boolean }): boolean {
  return !now.hidden && !before.hidden && value === now.value - before.value;
}
