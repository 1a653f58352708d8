import type { TFunction } from 'i18next';
import type { Schemas } from '../api/client';
import { CHART_COLOURS, type ChartOption } from './chart';
import { chartValue } from './figure';

type Figure = Schemas['SuppressibleFigure'];

export interface BarSeries {
  name: string;
  figures: (Figure | undefined)[];
  /** Series with the same stack are drawn on top of each other (regular and social jobs). */
  stack?: string;
}

/**
 * A bar chart of suppressible figures: a hidden figure has no bar, and its tooltip says
 * "afgeschermd", never 0; a figure the answer does not hold (no row for that group) has no bar
 * either, and its tooltip says "—": absent is not withheld. Horizontal bars for long category names
 * (work domains on a phone).
 */
export function barOption(t: TFunction, { categories, series, horizontal = false }: { categories: string[]; series: BarSeries[]; horizontal?: boolean }): ChartOption {
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { width: horizontal ? 120 : 72, overflow: 'break' as const, interval: 0, lineHeight: 14 } };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  const tooltipText = (figure: Figure | undefined) => (!figure ? '—' : figure.suppressed || figure.value === null ? t('figures.suppressed') : String(figure.value));
  return {
    color: CHART_COLOURS,
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0 } : undefined,
    tooltip: { trigger: 'axis' },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      stack: s.stack,
      data: s.figures.map(chartValue),
      barMaxWidth: 36,
      // Per series, by the figure's index (echarts ≥ 5.5 passes it): the value alone cannot tell hidden from absent.
      tooltip: { valueFormatter: (_value: unknown, dataIndex: number) => tooltipText(s.figures[dataIndex]) },
    })),
  };
}
