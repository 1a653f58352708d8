import { BarChart, FunnelChart, type BarSeriesOption, type FunnelSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

/** Only what the app draws (tree-shaken `echarts/core`): bars and a funnel, drawn as SVG. */
use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The page's font by name: echarts measures text on a canvas, where 'inherit' means nothing (legends overlapped). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export type ChartOption = ComposeOption<BarSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/**
 * One chart, for sighted readers: hidden from screen readers (`aria-hidden`), since every chart
 * stands beside a table with the same figures. Loaded lazily (see chart.tsx), so echarts is a chunk
 * of its own that only pages with a chart fetch.
 */
export default function EChart({ option, tall = false }: { option: ChartOption; tall?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const drawn = init(box.current, undefined, { renderer: 'svg' });
    chart.current = drawn;
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => drawn.resize());
    resize?.observe(box.current);
    return () => {
      resize?.disconnect();
      drawn.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 12, color: '#1b1f1d' }, ...option }, true);
  }, [option]);
  return <div ref={box} className={tall ? 'chart tall' : 'chart'} aria-hidden="true" />;
}
