/**
 * Disclosure control of published counts (pure; no I/O). A count from 1 to 4 is never shown
 * (primary suppression), and neither is any other cell whose hiding is needed so that no hidden
 * count can be recomputed from what is shown (secondary suppression): a table's totals are linear
 * sums of its cells, so a hidden cell is derivable exactly when it is fixed by those sums and the
 * shown cells. Whether it is depends only on which cells are hidden, not on their values, so the
 * same pattern also protects any other additive measure of the same table (FTE beside jobs).
 */

/** Counts from 1 up to this minus one are suppressed; 0 is shown (it reveals no one). */
export const MINIMUM_SHOWN = 5;

export const DISCLOSURE_RULES =
  'Aantallen van 1 tot 4 zijn verborgen, en zoveel andere cellen als nodig om ze niet uit de totalen te kunnen afleiden (secundaire onderdrukking). / Counts from 1 to 4 are hidden, and as many other cells as needed so that they cannot be recomputed from the totals (secondary suppression).';

/** Cells (by index into `values`) and the sums they obey: `values[total] = Σ values[parts]`. */
export interface LinearTable {
  values: readonly number[];
  sums: readonly { parts: readonly number[]; total: number }[];
}

const EPSILON = 1e-9;

/** The cells to hide: every count from 1 to MINIMUM_SHOWN − 1, those `also` marks (hidden for a reason of their own), and what must go with them. */
export function suppressionPattern(table: LinearTable, minimum = MINIMUM_SHOWN, also: readonly boolean[] = []): boolean[] {
  const hidden = table.values.map((v, i) => (v > 0 && v < minimum) || also[i] === true);
  for (;;) {
    const derivable = derivableCells(table, hidden);
    if (derivable.length === 0) return hidden;
    const next = cheapestNeighbour(table, hidden, new Set(derivable)) ?? cheapestNeighbour(table, hidden, new Set(hidden.flatMap((h, i) => (h ? [i] : []))));
    // Cannot happen: a cell is fixed only through sums that hold a shown cell.
    if (next === undefined) throw new Error(`disclosure control: cells ${derivable.join(', ')} are derivable and nothing is left to hide`);
    hidden[next] = true;
  }
}

/** The hidden cells the sums and the shown cells fix (row-reduce the sums over the hidden cells; a pivot row that is a single cell fixes it). */
export function derivableCells(table: LinearTable, hidden: readonly boolean[]): number[] {
  const unknowns = hidden.flatMap((h, i) => (h ? [i] : []));
  if (unknowns.length === 0) return [];
  const column = new Map(unknowns.map((cell, j) => [cell, j]));
  const rows = table.sums.map((sum) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const part of sum.parts) {
      const j = column.get(part);
      if (j !== undefined) row[j] += 1;
    }
    const t = column.get(sum.total);
    if (t !== undefined) row[t] -= 1;
    return row;
  });
  const pivotRows = reduce(rows, unknowns.length);
  return pivotRows.filter(({ row, pivot }) => row.every((v, j) => j === pivot || Math.abs(v) < EPSILON)).map(({ pivot }) => unknowns[pivot]);
}

/** Reduced row echelon form, in place; the rows that hold a pivot, with its column. */
function reduce(rows: number[][], width: number): { row: number[]; pivot: number }[] {
  const pivots: { row: number[]; pivot: number }[] = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i][c]) > Math.abs(rows[best][c])) best = i;
    if (Math.abs(rows[best][c]) < EPSILON) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const scale = rows[r][c];
    for (let j = 0; j < width; j++) rows[r][j] /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i][c]) < EPSILON) continue;
      const factor = rows[i][c];
      for (let j = 0; j < width; j++) rows[i][j] -= factor * rows[r][j];
    }
    pivots.push({ row: rows[r], pivot: c });
    r++;
  }
  return pivots;
}

/** A shown cell of a sum that holds one of `cells`: the one whose hiding leaves the fewest derivable cells, then the smallest count. */
function cheapestNeighbour(table: LinearTable, hidden: readonly boolean[], cells: ReadonlySet<number>): number | undefined {
  const candidates = new Set<number>();
  for (const sum of table.sums) {
    const members = [...sum.parts, sum.total];
    if (members.some((m) => cells.has(m))) for (const m of members) if (!hidden[m]) candidates.add(m);
  }
  // The one that leaves the fewest cells derivable, then the smallest count (a zero last).
  const left = (i: number) => derivableCells(table, hidden.map((h, j) => h || j === i)).length;
  const cost = (i: number) => (table.values[i] > 0 ? table.values[i] : Number.MAX_SAFE_INTEGER);
  const ranked = [...candidates].map((i) => ({ i, left: left(i), cost: cost(i) }));
  return ranked.sort((a, b) => a.left - b.left || a.cost - b.cost || a.i - b.i)[0]?.i;
}

/** A suppressed figure: its value, or null when hidden. */
export interface Shown {
  value: number | null;
  suppressed: boolean;
}

export const shown = (value: number, hidden: boolean): Shown => (hidden ? { value: null, suppressed: true } : { value, suppressed: false });

/**
 * A table of groups that each split one total (every indicator's values split the participants;
 * work domains split the jobs): the total is cell 0, then each partition's groups in order.
 */
export function partitionedTable(total: number, partitions: readonly (readonly number[])[]): LinearTable {
  const values = [total];
  const sums: { parts: number[]; total: number }[] = [];
  for (const groups of partitions) {
    const parts = groups.map((v) => values.push(v) - 1);
    sums.push({ parts, total: 0 });
  }
  return { values, sums };
}

/** A grid of counts with its row totals, column totals and grand total: cells row by row, then the row totals, the column totals, the grand total. */
export function gridTable(counts: readonly (readonly number[])[]): LinearTable & { rowTotal: (i: number) => number; columnTotal: (j: number) => number; grandTotal: number } {
  const rowsN = counts.length;
  const colsN = counts[0]?.length ?? 0;
  const values = counts.flat();
  const at = (i: number, j: number) => i * colsN + j;
  const rowTotal = (i: number) => rowsN * colsN + i;
  const columnTotal = (j: number) => rowsN * colsN + rowsN + j;
  const grandTotal = rowsN * colsN + rowsN + colsN;
  for (let i = 0; i < rowsN; i++) values.push(counts[i].reduce((a, b) => a + b, 0));
  for (let j = 0; j < colsN; j++) values.push(counts.reduce((a, row) => a + row[j], 0));
  values.push(counts.flat().reduce((a, b) => a + b, 0));
  const sums = [
    ...counts.map((_, i) => ({ parts: counts[i].map((__, j) => at(i, j)), total: rowTotal(i) })),
    ...Array.from({ length: colsN }, (_, j) => ({ parts: counts.map((__, i) => at(i, j)), total: columnTotal(j) })),
    { parts: counts.map((_, i) => rowTotal(i)), total: grandTotal },
    { parts: Array.from({ length: colsN }, (_, j) => columnTotal(j)), total: grandTotal },
  ];
  return { values, sums, rowTotal, columnTotal, grandTotal };
}
