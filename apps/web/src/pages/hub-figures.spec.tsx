import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { HubFigures } from './hub-figures';

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const STATISTICS: Schemas['PublicStatisticsView'] = {
  year: 2026,
  jobsCreated: shown(1234),
  socialEconomyJobs: hidden,
  ideas: {
    stages: ['submitted', 'launched'],
    rows: [
      { workDomain: 'green', byStage: [shown(6), hidden], total: shown(9) },
      { workDomain: 'care', byStage: [hidden, hidden], total: hidden },
    ],
    byStage: [shown(8), hidden],
    total: shown(12),
  },
  rules: 'counts 1–4 suppressed',
  computedAt: '2026-11-30T07:00:00Z',
};

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

it('shows a suppressed figure as hidden, never as zero, and the others in Dutch notation', () => {
  render(<HubFigures statistics={STATISTICS} />);
  const figure = (label: string) => screen.getByText(label).closest('div')!.querySelector('dd')!.textContent;
  expect(figure('Jobs gecreëerd')).toBe('1.234');
  expect(figure('waarvan in de sociale economie')).toBe('afgeschermd');
  const byStage = screen.getByRole('table', { name: 'Ideeën per fase' });
  expect(within(byStage).getByRole('row', { name: /gelanceerd/ }).textContent).toBe('gelanceerdafgeschermd');
  expect(within(byStage).getByRole('row', { name: /ingediend/ }).textContent).toBe('ingediend8');
  const byDomain = screen.getByRole('table', { name: 'Ideeën per domein' });
  expect(within(byDomain).getByRole('row', { name: /Zorg/ }).textContent).toBe('Zorgafgeschermd');
  expect(screen.queryAllByText('0')).toHaveLength(0);
  expect(screen.getByText(/Berekend op/).textContent).toMatch(/Berekend op 30 nov\.? 2026,? 08:00\.$/); // 07:00 UTC is 08:00 in Brussels
});
