import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { DigestPage } from './digests-pages';

const get = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args) } }));

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const figures = (jobs: Schemas['SuppressibleFigure']) => ({ jobsCreated: jobs, socialEconomyJobs: shown(6), fte: shown(17.5), participantsEntered: shown(9), participantsLeft: hidden });
const breakdown = (total: Schemas['SuppressibleFigure'], groups: [string, Schemas['SuppressibleFigure']][]) => ({ total, groups: groups.map(([group, count]) => ({ group, count })) });
const activity = (ideas: number): Schemas['DigestActivity'] => ({
  organisationsRegistered: breakdown(shown(7), [['citizen', shown(5)], ['unknown', hidden]]),
  organisationsApproved: breakdown(shown(6), []),
  ideasSubmitted: breakdown(shown(ideas), [['green', shown(ideas)]]),
  stageMovements: breakdown(hidden, []),
  coaching: { sessionsHeld: shown(12), hours: shown(18) },
  programmes: { registrations: shown(8), attended: hidden },
});
const DIGEST = {
  id: '6f1d0f5e-0000-4000-8000-0000000000dd',
  week: '2026-W48',
  createdAt: '2026-11-30T06:00:00Z',
  figures: {
    hubId: '6f1d0f5e-0000-4000-8000-0000000000ee',
    week: { key: '2026-W48', from: '2026-11-23', to: '2026-11-29', figures: figures(hidden) },
    yearToDate: { key: '2026', from: '2026-01-01', to: '2026-11-29', figures: figures(shown(23)) },
  },
  activity: { week: activity(5), yearToDate: activity(31) },
  jobs: { year: 2026, target: { jobs: 40, socialJobs: 10, fte: 30, participants: 60 }, perMonth: [{ month: '2026-01', jobs: shown(14) }, { month: '2026-02', jobs: hidden }] },
};

beforeEach(() => {
  get.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it("shows a version 2 digest's activity and jobs against the target, withheld figures as such", async () => {
  get.mockResolvedValue({ data: DIGEST, response: new Response(null, { status: 200 }) });
  render(<DigestPage id={DIGEST.id} />);
  const activityTable = await screen.findByRole('table', { name: 'De activiteit van de hub' });
  expect(within(activityTable).getByRole('row', { name: /Ideeën ingediend/ }).textContent).toBe('Ideeën ingediend531');
  expect(within(activityTable).getByRole('row', { name: /Aanwezigheden/ }).textContent).toBe('Aanwezigheden op programmasessiesafgeschermdafgeschermd');
  const types = screen.getByRole('table', { name: 'Aangemelde organisaties per soort' });
  expect(within(types).getAllByRole('row').map((row) => row.textContent)).toEqual(['CijferDie weekHet jaar tot dan', 'Burgerinitiatief55', 'Soort nog niet gekendafgeschermdafgeschermd']);
  expect(screen.queryByRole('table', { name: 'Ideeën verder gezet, per bereikte fase' })).toBeNull(); // no moves at all: no empty table
  const months = screen.getByRole('table', { name: 'Jobs per maand in 2026' });
  expect(within(months).getAllByRole('row').map((row) => row.textContent)).toEqual(['MaandJobs gecreëerd', 'januari14', 'februariafgeschermd']);
  expect(screen.getByText('Doel voor 2026: 40 jobs. Bereikt:', { exact: false }).textContent).toBe('Doel voor 2026: 40 jobs. Bereikt: 23');
});

it('shows a digest kept from version 1 figures with the figures alone', async () => {
  get.mockResolvedValue({ data: { ...DIGEST, activity: null, jobs: null }, response: new Response(null, { status: 200 }) });
  render(<DigestPage id={DIGEST.id} />);
  await screen.findByRole('table', { name: 'De cijfers zoals ze verstuurd zijn' });
  expect(screen.queryByRole('table', { name: 'De activiteit van de hub' })).toBeNull();
  expect(screen.queryByText(/^Doel voor/)).toBeNull();
});
