import { lazy, Suspense } from 'react';
import type { ChartOption } from './echarts-chart';

export type { ChartOption };

const load = () => import('./echarts-chart');
const EChart = lazy(load);

/** Starts fetching the chart chunk now (a page that will draw charts once its figures are in), so both load at once. */
export function preloadCharts(): void {
  void load();
}

/** A chart loaded on first use (its own chunk); meanwhile an empty box of the same size, so nothing jumps. */
export function Chart({ option, tall = false }: { option: ChartOption; tall?: boolean }) {
  return (
    <Suspense fallback={<div className={tall ? 'chart tall' : 'chart'} aria-hidden="true" />}>
      <EChart option={option} tall={tall} />
    </Suspense>
  );
}

/** The colours of the charts: each at least 3:1 against white (WCAG 1.4.11), told apart by the legend too. */
export const CHART_COLOURS = ['#1d5c36', '#2b5ea7', '#8a4b08', '#6b3fa0', '#a4161a'];
