/**
 * For the disclosure properties (digest-beside-statistics, digests-released, digests-across-years): whether a
 * hidden figure can be recomputed from what is shown, as a linear combination of the shown figures
 * and the identities between them. Sparse vectors over `width` atoms (index → coefficient).
 */

/** A figure as a reader sees it: a sum over the unknowns, its value, whether hidden, where it is shown; `parts`: what it tells shown as 0 (knownOf). */
export interface SeenFigure {
  vector: Map<number, number>;
  value: number;
  hidden: boolean;
  where: string;
  parts?: Map<number, number>[];
}

/** Whether each vector lies in the span of the others given (Gaussian elimination). */
export function spanOf(vectors: readonly Map<number, number>[], width: number): (vector: Map<number, number>) => boolean {
  const rows: { pivot: number; values: Float64Array }[] = [];
  const dense = (m: Map<number, number>) => {
    const v = new Float64Array(width);
    for (const [k, x] of m) v[k] += x;
    return v;
  };
  const reduce = (v: Float64Array) => {
    for (const { pivot, values } of rows) {
      const f = v[pivot];
      if (Math.abs(f) > 1e-9) for (let j = 0; j < width; j++) v[j] -= f * values[j];
    }
    return v;
  };
  for (const vector of vectors) {
    const v = reduce(dense(vector));
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) rows.push({ pivot, values: v.map((x) => x / v[pivot]) });
  }
  return (vector) => reduce(dense(vector)).every((x) => Math.abs(x) < 1e-9);
}

/**
 * What a reader knows of the figures shown: each one's sum, and of one shown as 0 each of its parts (0: counts are not negative;
 * docs/decisions.md, 'Bounds'). `parts`: the unknowns it sums, by default each unknown of its vector; an identity (not a count)
 * gives `[vector]`.
 */
export function knownOf(shown: readonly { vector: Map<number, number>; value: number; parts?: readonly Map<number, number>[] }[]): Map<number, number>[] {
  return shown.flatMap((s) => (s.value === 0 ? [...(s.parts ?? [...s.vector.keys()].map((k) => new Map([[k, 1]]))), s.vector] : [s.vector]));
}
