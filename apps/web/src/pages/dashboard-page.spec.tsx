import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import type { ChartOption } from '../charts/chart';
import { initI18n } from '../i18n/i18n';
import { DashboardFigures, type DashboardData } from './dashboard-page';

/** The charts as drawn: their options, to check what a bar would show (jsdom draws no SVG). */
const drawn: ChartOption[] = [];
vi.mock('../charts/echarts-chart', () => ({
  default: ({ option }: { option: ChartOption }) => {
    drawn.push(option);
    return <div data-testid="chart" aria-hidden="true" />;
  },
}));

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
type Row = Schemas['StatisticsView']['rows'][number];

function statistics(key: string, groupBy: Schemas['StatisticsView']['groupBy'], total: Row['jobs'], rows: [string, Row['jobs']][]): Schemas['StatisticsView'] {
  return {
    period: { key, from: `${key}-01`, to: `${key}-28` },
    groupBy,
    suppressed: true,
    rules: 'counts 1–4',
    total: { dimension: groupBy, group: 'total', jobs: total, fte: total },
    rows: rows.map(([group, jobs]) => ({ dimension: groupBy, group, jobs, fte: jobs })),
    computedAt: '2026-11-30T02:00:00Z',
  };
}

const DATA: DashboardData = {
  year: 2026,
  months: [
    statistics('2026-01', 'sector', shown(14), [['regular', shown(8)], ['social', shown(6)]]),
    statistics('2026-02', 'sector', shown(9), [['regular', shown(9)], ['social', hidden]]),
    statistics('2026-03', 'sector', shown(4), [['regular', shown(4)]]), // no job in the social economy: no row
  ],
  byDomain: statistics('2026', 'workDomain', shown(23), [['green', shown(19)], ['care', hidden]]),
  pipeline: {
    year: 2026,
    jobsCreated: shown(23),
    socialEconomyJobs: shown(6),
    ideas: { stages: ['submitted', 'screening', 'launched'], rows: [], byStage: [shown(12), hidden, shown(5)], total: shown(21) },
    rules: 'counts 1–4',
    computedAt: '2026-11-30T02:00:00Z',
  },
  targets: [{ period: '2026', from: '2026-01-01', to: '2026-12-31', target: { jobs: 40, socialJobs: 10, fte: 30, participants: 60 }, actual: { jobs: shown(23), socialJobs: shown(6), fte: shown(17.5), participants: hidden }, computedAt: null }],
};

beforeEach(() => {
  drawn.length = 0;
  initI18n('nl');
});
afterEach(cleanup);

it('shows each chart beside a table; a suppressed figure is "afgeschermd" in the table and no bar or slice in the chart, never zero', async () => {
  render(<DashboardFigures data={DATA} />);
  await waitFor(() => expect(screen.getAllByTestId('chart')).toHaveLength(4));

  const months = screen.getByRole('table', { name: 'Jobs per maand in 2026, regulier en sociaal' });
  expect(within(months).getByRole('row', { name: /februari/ }).textContent).toBe('februari9afgeschermd9');
  const domains = screen.getByRole('table', { name: 'Jobs per domein in 2026' });
  expect(within(domains).getByRole('row', { name: /Zorg/ }).textContent).toBe('Zorgafgeschermd');
  const pipeline = screen.getByRole('table', { name: 'Ideeën per fase in 2026' });
  expect(within(pipeline).getByRole('row', { name: /screening/ }).textContent).toBe('in screeningafgeschermd');
  const targets = screen.getByRole('table', { name: 'Bereikt tegenover het doel' });
  expect(within(targets).getByRole('row', { name: /2026/ }).textContent).toBe('202623 van 406 van 1017,5 van 30afgeschermd van 60');
  expect(screen.queryAllByText('0')).toHaveLength(0);

  const [monthChart, domainChart, funnel, targetChart] = drawn.slice(-4) as { series: { data: unknown[] }[] }[];
  // February's split is hidden, its total is not: one bar of the total, never a 0 for the social part.
  expect(monthChart.series.map((s) => s.data)).toEqual([
    [8, null, 4],
    [6, null, null],
    [null, 9, null],
  ]);
  // The tooltip tells a withheld figure from an absent one: March's social sector had no row (no jobs), not a withheld count.
  const tooltip = (series: number, month: number) => (monthChart.series[series] as unknown as { tooltip: { valueFormatter(v: unknown, i: number): string } }).tooltip.valueFormatter(null, month);
  expect([0, 1, 2].map((month) => [0, 1, 2].map((series) => tooltip(series, month)))).toEqual([
    ['8', '6', '—'],
    ['afgeschermd', 'afgeschermd', '9'],
    ['4', '—', '—'],
  ]);
  expect(domainChart.series[0].data).toEqual([19, null]);
  expect(funnel.series[0].data).toEqual([
    { name: 'ingediend', value: 12 },
    { name: 'gelanceerd', value: 5 },
  ]);
  expect(targetChart.series[1].data).toEqual([23, 6, 17.5, null]);
});
