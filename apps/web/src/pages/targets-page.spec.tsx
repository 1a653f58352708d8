import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { PhaseItem, phaseRules, StatisticsRun, TargetForm, TargetRemoval, TargetsPage } from './targets-page';

const get = vi.fn();
const put = vi.fn();
const post = vi.fn();
const del = vi.fn();
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { GET: (...args: unknown[]) => get(...args), PUT: (...args: unknown[]) => put(...args), POST: (...args: unknown[]) => post(...args), DELETE: (...args: unknown[]) => del(...args) },
}));
const useSessionMock = vi.fn();
vi.mock('../session/session', () => ({ useSession: () => useSessionMock() }));
const answer = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

beforeEach(() => {
  get.mockReset();
  put.mockReset();
  post.mockReset();
  del.mockReset();
  initI18n('nl');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it('refuses more social jobs than jobs and a period that is neither a year nor a phase code', async () => {
  const user = userEvent.setup({ delay: null });
  render(<TargetForm initial={null} onSaved={vi.fn()} />);
  await user.clear(screen.getByLabelText('Jaar of fase'));
  await user.type(screen.getByLabelText('Jaar of fase'), 'Fase 1');
  await user.type(screen.getByLabelText('Jobs'), '10');
  await user.type(screen.getByLabelText('waarvan in de sociale economie'), '12');
  await user.type(screen.getByLabelText('VTE'), '8');
  await user.type(screen.getByLabelText('Deelnemers'), '1,5');
  await user.click(screen.getByRole('button', { name: 'Doel bewaren' }));
  expect(screen.getByText('Vul een jaar van vier cijfers in of de code van een fase.')).toBeTruthy();
  expect(screen.getByText('Niet meer dan het aantal jobs.')).toBeTruthy();
  expect(screen.getByText('Vul een geheel getal in van 0 of meer.')).toBeTruthy();
  expect(put).not.toHaveBeenCalled();
});

it('sends a phase’s target with FTE written with a decimal comma', async () => {
  put.mockResolvedValue(answer({ period: 'circulair-werkt-1' }));
  const onSaved = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<TargetForm initial={{ period: 'circulair-werkt-1', jobs: '40', socialJobs: '25', fte: '30', participants: '60' }} onSaved={onSaved} />);
  expect((screen.getByLabelText('Jaar of fase') as HTMLInputElement).readOnly).toBe(true);
  await user.clear(screen.getByLabelText('VTE'));
  await user.type(screen.getByLabelText('VTE'), '32,5');
  await user.click(screen.getByRole('button', { name: 'Doel bewaren' }));
  await screen.findByText('Het doel voor circulair-werkt-1 is bewaard.');
  expect(put).toHaveBeenCalledWith('/api/v1/targets/{period}', { params: { path: { period: 'circulair-werkt-1' } }, body: { jobs: 40, socialJobs: 25, fte: 32.5, participants: 60 } });
  expect(onSaved).toHaveBeenCalled();
});

it('asks a phase for a code the API takes and a last day not before its first', () => {
  expect(phaseRules({ key: 'circulair-werkt-1', name: 'Circulair werk(t)!', from: '2026-01-01', to: '2027-06-30' })).toEqual({});
  expect(phaseRules({ key: '1-fase', name: ' ', from: '2026-03-01', to: '2026-02-28' })).toEqual({ key: 'key', name: 'name', to: 'toAfterFrom' });
  expect(phaseRules({ key: 'Fase', name: 'x', from: '', to: '2026-02-28' })).toEqual({ key: 'key', from: 'day' });
});

it('asks a phase for days of 2000–2100 and at most ten years, as the API does', () => {
  expect(phaseRules({ key: 'esf-plus', name: 'ESF+ 2021–2027', from: '2021-01-01', to: '2029-12-31' })).toEqual({});
  expect(phaseRules({ key: 'fase', name: 'x', from: '0001-01-01', to: '2026-02-28' })).toEqual({ from: 'dayInRange' });
  expect(phaseRules({ key: 'fase', name: 'x', from: '2026-01-01', to: '2101-01-01' })).toEqual({ to: 'dayInRange' });
  expect(phaseRules({ key: 'fase', name: 'x', from: '2026-03-01', to: '2036-02-29' })).toEqual({});
  expect(phaseRules({ key: 'fase', name: 'x', from: '2026-03-01', to: '2036-03-01' })).toEqual({ to: 'tooLong' });
});

it('follows a statistics run with a progress bar until the year’s figures carry a newer time', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  const times = ['2026-11-30T02:00:00Z', '2026-11-30T02:00:00Z', '2026-12-01T10:15:00Z'];
  get.mockImplementation(() => Promise.resolve(answer({ computedAt: times.shift() ?? '2026-12-01T10:15:00Z' })));
  post.mockResolvedValue(answer({ year: 2026, runId: 'r1', coalesced: false, startsBy: '2026-12-01T10:14:00Z' }, 202));
  const onComputed = vi.fn();
  const user = userEvent.setup({ delay: null, advanceTimers: vi.advanceTimersByTime });
  render(<StatisticsRun onComputed={onComputed} />);
  await user.clear(screen.getByLabelText('Jaar'));
  await user.type(screen.getByLabelText('Jaar'), '2026');
  await user.click(screen.getByRole('button', { name: 'Nu berekenen' }));
  await screen.findByText(/^De berekening van 2026 is gevraagd/);
  expect(screen.getByRole('progressbar', { name: 'Bezig met berekenen…' })).toBeTruthy();
  expect(post).toHaveBeenCalledWith('/api/v1/statistics/runs', { body: { year: 2026 } });
  await vi.advanceTimersByTimeAsync(2_000);
  await vi.advanceTimersByTimeAsync(2_000);
  // Done at the newer time (11:15 in Brussels), not at the first read that still had the old one.
  await screen.findByText(/^De cijfers van 2026 zijn berekend op 1 dec 2026.* 11:15\./);
  expect(get).toHaveBeenCalledTimes(3);
  expect(screen.queryByRole('progressbar')).toBeNull();
  await waitFor(() => expect(onComputed).toHaveBeenCalledTimes(1));
});

const PHASE = { key: 'fase-2', name: 'Fase 2', from: '2026-01-01', to: '2026-06-30' };

it('removes a phase only after a second press, and says what goes with it', async () => {
  del.mockResolvedValue(answer(PHASE));
  const onDeleted = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PhaseItem phase={PHASE} text="Fase 2 (fase-2)" hasTarget={false} onDeleted={onDeleted} />);
  const ask = screen.getByRole('button', { name: 'Fase 2 verwijderen…' });
  await user.click(ask);
  expect(ask.getAttribute('aria-expanded')).toBe('true');
  expect(screen.getByText(/De cijfers die voor “Fase 2” bewaard zijn, verdwijnen mee/)).toBeTruthy();
  expect(del).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Ja, verwijder Fase 2' }));
  await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
  expect(del).toHaveBeenCalledWith('/api/v1/esf-phases/{key}', { params: { path: { key: 'fase-2' }, query: {} } });
});

it('removes a phase with a target only saying so, and asks the API to remove the target with it; a refusal is said in Dutch', async () => {
  del.mockResolvedValueOnce({ error: { type: 'https://cirkel.example/problems/esf-phase-not-found', title: 'ESF phase not found', status: 404 }, response: new Response(null, { status: 404 }) });
  const onDeleted = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PhaseItem phase={PHASE} text="Fase 2 (fase-2)" hasTarget onDeleted={onDeleted} />);
  await user.click(screen.getByRole('button', { name: 'Fase 2 verwijderen…' }));
  expect(screen.getByText(/“Fase 2” heeft een doel: het doel en de cijfers/)).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Ja, verwijder Fase 2' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Deze fase vinden we niet (meer).');
  expect(del).toHaveBeenCalledWith('/api/v1/esf-phases/{key}', { params: { path: { key: 'fase-2' }, query: { removeTarget: 'true' } } });
  expect(onDeleted).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Nee, bewaren' }));
  expect(screen.queryByRole('button', { name: 'Ja, verwijder Fase 2' })).toBeNull();
});

const TARGET = {
  period: '2026',
  from: '2026-01-01',
  to: '2026-12-31',
  target: { jobs: 40, socialJobs: 25, fte: 30, participants: 60 },
  actual: { jobs: { value: 10, suppressed: false }, socialJobs: { value: 9, suppressed: false }, fte: { value: 9.5, suppressed: false }, participants: { value: 12, suppressed: false } },
  computedAt: null,
};

it('removes a year’s target on its own only after a second press; a refusal is said in Dutch', async () => {
  del.mockResolvedValueOnce({ error: { type: 'https://cirkel.example/problems/target-not-found', title: 'Target not found', status: 404 }, response: new Response(null, { status: 404 }) });
  del.mockResolvedValueOnce(answer(TARGET));
  const onDeleted = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<TargetRemoval period="2026" name="2026" onDeleted={onDeleted} />);
  const ask = screen.getByRole('button', { name: 'Doel van 2026 verwijderen…' });
  await user.click(ask);
  expect(ask.getAttribute('aria-expanded')).toBe('true');
  expect(screen.getByText('Het doel van 2026 verdwijnt. De cijfers blijven, en een fase blijft bestaan.')).toBeTruthy();
  expect(del).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Ja, verwijder het doel van 2026' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Dit doel vinden we niet (meer).');
  expect(onDeleted).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Ja, verwijder het doel van 2026' }));
  await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
  expect(del).toHaveBeenCalledWith('/api/v1/targets/{period}', { params: { path: { period: '2026' } } });
});

it('offers each target of the table its removal, named by its phase, and reads the targets again after it', async () => {
  const phase = { key: 'fase-2', name: 'Fase 2', from: '2026-01-01', to: '2026-06-30' };
  let targets = [TARGET, { ...TARGET, period: 'fase-2', from: phase.from, to: phase.to }];
  get.mockImplementation((path: string) => Promise.resolve(answer(path === '/api/v1/esf-phases' ? { items: [phase] } : { items: targets })));
  del.mockImplementation(() => {
    targets = targets.filter((row) => row.period !== 'fase-2');
    return Promise.resolve(answer(TARGET));
  });
  useSessionMock.mockReturnValue({ me: { person: { hubRoles: ['hub_admin'] } } });
  const user = userEvent.setup({ delay: null });
  render(<TargetsPage />);
  await user.click(await screen.findByRole('button', { name: 'Doel van Fase 2 verwijderen…' }));
  expect(screen.getByRole('button', { name: 'Doel van 2026 verwijderen…' })).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Ja, verwijder het doel van Fase 2' }));
  expect(del).toHaveBeenCalledWith('/api/v1/targets/{period}', { params: { path: { period: 'fase-2' } } });
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Doel van Fase 2 verwijderen…' })).toBeNull());
  // The phase itself stays listed.
  expect(screen.getByRole('button', { name: 'Fase 2 verwijderen…' })).toBeTruthy();
});
