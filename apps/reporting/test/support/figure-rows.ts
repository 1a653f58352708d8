import { PeriodFigure } from '../../src/statistics/published-statistics';

/** One period's stored figures as a hand count makes them: `at(dimension, group)` gives its row (made at 0 the first time), `rows()` all. */
export function figureRows(period: string): { at: (dimension: string, groupKey: string) => PeriodFigure; rows: () => PeriodFigure[] } {
  const kept = new Map<string, PeriodFigure>();
  const at = (dimension: string, groupKey: string): PeriodFigure => {
    const key = `${dimension}\u0000${groupKey}`;
    let row = kept.get(key);
    if (!row) kept.set(key, (row = { period, dimension, groupKey, jobs: 0, hours: 0, participantsEntered: 0, participantsLeft: 0 }));
    return row;
  };
  return { at, rows: () => [...kept.values()] };
}
