import { statisticsView } from './statistics-view';
import { periodOf } from './periods';

const figures = [
  { dimension: 'total', groupKey: '', jobs: 20, hours: 570, participantsEntered: 0, participantsLeft: 0 },
  { dimension: 'sector', groupKey: 'social', jobs: 17, hours: 494, participantsEntered: 0, participantsLeft: 0 },
  { dimension: 'sector', groupKey: 'regular', jobs: 3, hours: 76, participantsEntered: 0, participantsLeft: 0 },
];

describe('statistics view', () => {
  it('shows a hub admin every figure, FTE = hours / 38', () => {
    const view = statisticsView(figures, 'sector', periodOf('2026-Q2'), null, null);
    expect(view).toMatchObject({ period: { key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' }, suppressed: false, rules: null, total: { jobs: { value: 20 }, fte: { value: 15 } } });
    expect(view.rows.map((r) => [r.group, r.jobs?.value, r.fte?.value])).toEqual([['regular', 3, 2], ['social', 17, 13]]);
  });

  it('hides from anyone else what the year’s publication hides (published-statistics.spec), jobs and FTE alike', () => {
    const view = statisticsView(figures, 'sector', periodOf('2026-Q2'), (field, dimension) => field === 'jobs' && dimension === 'sector', null);
    expect(view.suppressed).toBe(true);
    expect(view.rules).toContain('1 tot 4');
    expect(view.rows.map((r) => [r.group, r.jobs, r.fte?.suppressed])).toEqual([
      ['regular', { value: null, suppressed: true }, true],
      ['social', { value: null, suppressed: true }, true],
    ]);
    expect(view.total.jobs).toEqual({ value: 20, suppressed: false });
  });
});
