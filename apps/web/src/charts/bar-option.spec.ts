import { expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { barOption, wrapBetweenWords } from './bar-option';

const t = ((key: string) => key) as unknown as TFunction;

it('wraps axis labels between words only: a long word stays whole', () => {
  expect(wrapBetweenWords('Voltijdse equivalenten', 11)).toBe('Voltijdse\nequivalenten');
  expect(wrapBetweenWords('Mentoring en coaching in circulair ondernemen', 18)).toBe('Mentoring en\ncoaching in\ncirculair\nondernemen');
  expect(wrapBetweenWords('Groenontwikkeling', 11)).toBe('Groenontwikkeling');
  expect(wrapBetweenWords('  Sociale   economie ', 20)).toBe('Sociale economie');
});

it('draws the category axis with the wrapping formatter, short labels on the axis and the full ones as the categories (tooltip)', () => {
  const option = barOption(t, { categories: ['Jobs', 'Voltijdse equivalenten'], shortLabels: ['Jobs', 'VTE'], series: [{ name: 'Doel', figures: [{ value: 5, suppressed: false }, { value: 7, suppressed: false }] }] });
  const axis = option.xAxis as { data: string[]; axisLabel: { width?: number; overflow?: string; formatter: (value: string, index: number) => string } };
  expect(axis.data).toEqual(['Jobs', 'Voltijdse equivalenten']);
  expect(axis.axisLabel.width).toBeUndefined(); // no width: echarts would break inside a word
  expect(axis.data.map((value, i) => axis.axisLabel.formatter(value, i))).toEqual(['Jobs', 'VTE']);
  const plain = barOption(t, { categories: ['Voltijdse equivalenten'], series: [], horizontal: true }).yAxis as { axisLabel: { formatter: (value: string, index: number) => string } };
  expect(plain.axisLabel.formatter('Mentoring en coaching in circulair ondernemen', 0)).toBe('Mentoring en\ncoaching in\ncirculair\nondernemen');
});

it("writes the tooltip's figures and the value axis in the page's language (31,5 and 1.200 in Dutch)", async () => {
  const { initI18n } = await import('../i18n/i18n');
  const figures = [{ value: 31.5, suppressed: false }, { value: 1200, suppressed: false }];
  const read = (i18n: ReturnType<typeof initI18n>) => {
    const option = barOption(i18n.t, { categories: ['VTE', 'Jobs'], series: [{ name: 'Doel', figures }] });
    const [series] = option.series as { tooltip: { valueFormatter: (value: unknown, index: number) => string } }[];
    const axis = option.yAxis as { axisLabel: { formatter: (value: number) => string } };
    return { tooltip: [0, 1].map((i) => series.tooltip.valueFormatter(figures[i].value, i)), axis: axis.axisLabel.formatter(2500) };
  };
  expect(read(initI18n('nl'))).toEqual({ tooltip: ['31,5', '1.200'], axis: '2.500' });
  expect(read(initI18n('en'))).toEqual({ tooltip: ['31.5', '1,200'], axis: '2,500' });
  initI18n('nl');
});
