import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { ProgrammeRegistrations } from './programme-attendance';

const get = vi.fn();
const put = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args), PUT: (...args: unknown[]) => put(...args) } }));

const id = (n: number) => `6f1d0f5e-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const registration = (n: number, status: Schemas['ProgrammeRegistrationView']['status'], attendedSessionIds: string[] = []): Schemas['ProgrammeRegistrationView'] => ({
  id: id(n),
  programmeId: id(90),
  personId: id(n + 40),
  status,
  registeredAt: '2026-11-02T09:00:00Z',
  waitlistPosition: status === 'waitlisted' ? 1 : null,
  attendedSessionIds,
});
const PROGRAMME: Schemas['ProgrammeView'] = {
  id: id(90),
  title: '1+1=11',
  capacity: 8,
  sessions: [
    { id: id(80), startsAt: '2026-11-10T13:00:00Z', endsAt: '2026-11-10T16:00:00Z', location: 'C-Mine, Genk' },
    { id: id(81), startsAt: '2026-11-17T13:00:00Z', endsAt: '2026-11-17T16:00:00Z', location: 'C-Mine, Genk' },
  ],
  confirmed: 2,
  waitlisted: 1,
  myRegistration: null,
  registrations: [registration(1, 'confirmed', [id(80)]), registration(2, 'confirmed'), registration(3, 'waitlisted'), registration(4, 'cancelled')],
};
const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

beforeEach(() => {
  get.mockReset().mockResolvedValue(ok({ items: [{ id: id(41), name: 'Fatma Yilmaz' }, { id: id(42), name: 'Jan Peeters' }, { id: id(43), name: 'Ilse Claes' }, { id: id(44), name: 'Tom Wouters' }], nextCursor: null }));
  put.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('records who attended a session: confirmed registrations only, by name, checked as recorded before', async () => {
  const saved = { ...PROGRAMME };
  put.mockResolvedValue(ok(saved));
  const onSaved = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<ProgrammeRegistrations programme={PROGRAMME} onSaved={onSaved} />);
  const present = screen.getByRole('group', { name: 'Wie was er? (ingeschreven deelnemers)' });
  await within(present).findByLabelText('Jan Peeters');
  expect(within(present).getAllByRole('checkbox')).toHaveLength(2); // not the waiting list, not the cancelled
  expect((within(present).getByLabelText('Fatma Yilmaz') as HTMLInputElement).checked).toBe(true);

  await user.selectOptions(screen.getByLabelText('Namiddag'), id(81));
  expect((within(present).getByLabelText('Fatma Yilmaz') as HTMLInputElement).checked).toBe(false); // nothing recorded yet for the second afternoon
  await user.click(within(present).getByLabelText('Jan Peeters'));
  await user.click(screen.getByRole('button', { name: 'Aanwezigheid bewaren' }));
  await waitFor(() => expect(put).toHaveBeenCalledTimes(1));
  expect(put).toHaveBeenCalledWith('/api/v1/programmes/{id}/sessions/{sessionId}/attendance', { params: { path: { id: id(90), sessionId: id(81) } }, body: { presentRegistrationIds: [id(2)] } });
  await screen.findByText(/^1 persoon aanwezig op .*: bewaard\.$/);
  expect(onSaved).toHaveBeenCalledWith(saved);
});

it('names a registration by its date when the list of people cannot be read', async () => {
  get.mockReset().mockResolvedValue({ error: { status: 403 }, response: new Response(null, { status: 403 }) });
  render(<ProgrammeRegistrations programme={PROGRAMME} onSaved={vi.fn()} />);
  await waitFor(() => expect(get).toHaveBeenCalled());
  expect(screen.getAllByLabelText(/^Inschrijving [12], van /)).toHaveLength(2);
});

it('lists every registration by the person\'s name, with its state, the waiting list\'s place and attendance', async () => {
  render(<ProgrammeRegistrations programme={PROGRAMME} onSaved={vi.fn()} />);
  const list = screen.getByRole('list');
  await within(list).findByText('Fatma Yilmaz');
  expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    expect.stringMatching(/^Fatma Yilmaz · ingeschreven · op .* · aanwezig op 1 van 2$/),
    expect.stringMatching(/^Jan Peeters · ingeschreven · op .* · aanwezig op 0 van 2$/),
    expect.stringMatching(/^Ilse Claes · plaats 1 op de wachtlijst · op [^·]*$/),
    expect.stringMatching(/^Tom Wouters · geannuleerd · op [^·]*$/),
  ]);
});
