import fc from 'fast-check';
import { derivableCells, gridTable, LinearTable, partitionedTable, suppressionPattern } from './disclosure-control';

/**
 * Whether a hidden cell can be recomputed from what is shown, checked independently of the module:
 * the cell is fixed by the sums exactly when its unit vector lies in the span of the sums restricted
 * to the hidden cells, i.e. when adding it to them does not raise their rank.
 */
function recomputable(table: LinearTable, hidden: readonly boolean[], cell: number): boolean {
  const unknowns = hidden.flatMap((h, i) => (h ? [i] : []));
  const rows = table.sums.map((sum) => unknowns.map((u) => sum.parts.filter((p) => p === u).length - (sum.total === u ? 1 : 0)));
  const unit = unknowns.map((u) => (u === cell ? 1 : 0));
  return rank(rows) === rank([...rows, unit]);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i !== r) {
        const f = m[i][c] / m[r][c];
        m[i] = m[i].map((v, j) => v - f * m[r][j]);
      }
    }
    r++;
  }
  return r;
}

const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 }));
const grids = fc.integer({ min: 1, max: 4 }).chain((rows) => fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
/** Participants, each with a value of every indicator: the counts of each indicator's values split the same total. */
const partitioned = fc
  .array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((sizes) => fc.array(fc.tuple(...sizes.map((s) => fc.integer({ min: 0, max: s - 1 }))), { maxLength: 40 }).map((people) => ({ sizes, people })))
  .map(({ sizes, people }) => partitionedTable(people.length, sizes.map((size, k) => Array.from({ length: size }, (_, g) => people.filter((p) => p[k] === g).length))));

function checkProtected(table: LinearTable): void {
  const hidden = suppressionPattern(table);
  table.values.forEach((v, i) => {
    if (v >= 1 && v <= 4) expect(hidden[i]).toBe(true);
  });
  hidden.forEach((h, i) => {
    if (h) expect(recomputable(table, hidden, i)).toBe(false);
  });
  if (!table.values.some((v) => v >= 1 && v <= 4)) expect(hidden.some(Boolean)).toBe(false);
}

describe('disclosure control', () => {
  it('hides a count of 1–4 in a list and one more, so the total does not give it away', () => {
    const table = partitionedTable(12, [[3, 9]]);
    expect(suppressionPattern(table)).toEqual([false, true, true]);
    expect(suppressionPattern(partitionedTable(12, [[0, 12]]))).toEqual([false, false, false]);
    // The total itself is small: hidden, and then each group must not give it away either.
    expect(suppressionPattern(partitionedTable(3, [[0, 3]]))).toEqual([true, false, true]);
  });

  it('protects a hidden cell of a grid along its row and its column', () => {
    const table = gridTable([
      [2, 10, 8],
      [7, 6, 9],
    ]);
    const hidden = suppressionPattern(table);
    expect(hidden[0]).toBe(true);
    expect(derivableCells(table, hidden)).toEqual([]);
    // Along the row, the column and the corner of a rectangle: the 2, and three more cells.
    expect(hidden.filter(Boolean)).toHaveLength(4);
  });

  it('property: in any grid with totals, every 1–4 is hidden and no hidden cell can be recomputed from what is shown', () => {
    fc.assert(fc.property(grids, (counts) => checkProtected(gridTable(counts))), { numRuns: 300 });
  });

  it('property: the same for indicators that each split the same participants', () => {
    fc.assert(fc.property(partitioned, (table) => checkProtected(table)), { numRuns: 300 });
  });
});
