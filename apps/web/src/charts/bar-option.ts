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
export function barOption(
  t: TFunction,
  { categories, series, horizontal = false, shortLabels }: { categories: string[]; series: BarSeries[]; horizontal?: boolean; shortLabels?: string[] },
): ChartOption {
  // Axis labels wrap between words, never inside one (echarts' width + 'break' cut "equivalenten" into
  // "equivalent/en"); `shortLabels` stand in for long ones on the axis (the tooltip and the table keep the full label).
  const lineChars = horizontal ? 18 : 11;
  const axisLabel = { interval: 0, lineHeight: 14, formatter: (value: string, index: number) => wrapBetweenWords(shortLabels?.[index] ?? value, lineChars) };
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel };
  // Numbers in the page's language (31,5 and 1.200 in Dutch): i18next's Intl.NumberFormat, not echarts' own notation.
  const number = (value: number) => t('figures.number', { value });
  const valueAxis = { type: 'value' as const, minInterval: 1, axisLabel: { formatter: number } };
  const tooltipText = (figure: Figure | undefined) => (!figure ? '—' : figure.suppressed || figure.value === null ? t('figures.suppressed') : number(figure.value));
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

/** `label` in lines of at most about `lineChars` characters, broken only at spaces: a longer word stays whole on its own line. */
export function wrapBetweenWords(label: string, lineChars: number): string {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= lineChars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}
