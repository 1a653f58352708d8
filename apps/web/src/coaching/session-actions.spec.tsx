import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { SessionActions } from './session-actions';

const post = vi.fn();
const get = vi.fn();
const patch = vi.fn();
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { POST: (...args: unknown[]) => post(...args), GET: (...args: unknown[]) => get(...args), PATCH: (...args: unknown[]) => patch(...args) },
}));

const MENTOR = '6f1d0f5e-0000-4000-8000-000000000001';
const FATMA = '6f1d0f5e-0000-4000-8000-000000000002';
const STRANGER = '6f1d0f5e-0000-4000-8000-000000000003';
const SESSION: Schemas['CoachingSessionView'] = {
  id: '6f1d0f5e-0000-4000-8000-0000000000aa',
  assignmentId: '6f1d0f5e-0000-4000-8000-0000000000bb',
  idea: { id: '6f1d0f5e-0000-4000-8000-0000000000cc', title: 'Fietsherstel met leerwerkers' },
  mentor: { personId: MENTOR, name: 'Wim Goossens' },
  participantIds: [FATMA, STRANGER],
  participants: [
    { personId: FATMA, name: null },
    { personId: STRANGER, name: null },
  ],
  startsAt: new Date(Date.now() - 3_600_000).toISOString(), // began an hour ago: it can be completed
  durationMinutes: 90,
  place: 'Kringloopcentrum, Genk',
  status: 'planned',
  cancelReason: null,
  notes: '',
  heldAt: null,
  actionItems: [],
};

beforeEach(() => {
  post.mockReset();
  get.mockReset();
  patch.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('completes a session with notes and action items: nothing is sent while an item has no description, and owners read by name where known', async () => {
  post.mockResolvedValue({ data: { ...SESSION, status: 'held' }, response: new Response(null, { status: 200 }) });
  const onChanged = vi.fn().mockResolvedValue(undefined);
  const user = userEvent.setup({ delay: null });
  render(<SessionActions session={SESSION} isMentor onChanged={onChanged} names={new Map([[FATMA, 'Fatma Yilmaz']])} />);

  await user.click(screen.getByRole('button', { name: 'Afronden' }));
  const form = screen.getByRole('form', { name: 'Afronden' });
  await user.type(within(form).getByLabelText('Verslag'), 'Prijzen en de werkplaats besproken.');
  await user.click(within(form).getByRole('button', { name: 'Actiepunt toevoegen' }));
  const item = within(form).getByRole('group', { name: 'Actiepunt 1' });
  const owners = within(item).getAllByRole('option').map((option) => option.textContent);
  expect(owners).toEqual(['Wim Goossens', 'Fatma Yilmaz', 'Deelnemer 2']);

  await user.click(within(form).getByRole('button', { name: 'Sessie afronden' }));
  await within(item).findByText('Beschrijf het actiepunt.');
  expect(within(item).getByLabelText('Wat moet er gebeuren', { exact: false }).getAttribute('aria-invalid')).toBe('true');
  expect(post).not.toHaveBeenCalled();

  await user.type(within(item).getByLabelText('Wat moet er gebeuren', { exact: false }), '  Offerte vragen bij de fietsgroothandel ');
  await user.selectOptions(within(item).getByLabelText('Wie doet het'), 'Fatma Yilmaz');
  await user.clear(within(item).getByLabelText('Tegen wanneer', { exact: false }));
  await user.type(within(item).getByLabelText('Tegen wanneer', { exact: false }), '2026-12-15');
  await user.click(within(form).getByRole('button', { name: 'Sessie afronden' }));
  await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
  expect(post).toHaveBeenCalledWith('/api/v1/sessions/{id}/completion', {
    params: { path: { id: SESSION.id } },
    body: { notes: 'Prijzen en de werkplaats besproken.', actionItems: [{ description: 'Offerte vragen bij de fietsgroothandel', ownerId: FATMA, dueOn: '2026-12-15' }] },
  });
  await screen.findByText('De sessie is afgerond.');
  expect(onChanged).toHaveBeenCalled();
});

it('offers completing only once the session has begun', () => {
  render(<SessionActions session={{ ...SESSION, startsAt: new Date(Date.now() + 86_400_000).toISOString() }} isMentor onChanged={vi.fn()} />);
  expect(screen.queryByRole('button', { name: 'Afronden' })).toBeNull();
  expect(screen.getByText('Na het begin van de sessie kan je ze afronden met een verslag en actiepunten.')).toBeTruthy();
});

it("shows the participants by the names the API gives, and moves a session to other participants chosen by name from the idea's organisation", async () => {
  const AN = '6f1d0f5e-0000-4000-8000-000000000004';
  const named = { ...SESSION, startsAt: new Date(Date.now() + 86_400_000).toISOString(), participants: [{ personId: FATMA, name: 'Fatma Yilmaz' }, { personId: STRANGER, name: 'Stijn Peeters' }] };
  get.mockResolvedValue({ data: { items: [{ personId: AN, name: 'An Claes' }, { personId: FATMA, name: 'Fatma Yilmaz' }] }, response: new Response(null, { status: 200 }) });
  patch.mockResolvedValue({ data: named, response: new Response(null, { status: 200 }) });
  const user = userEvent.setup({ delay: null });
  render(<SessionActions session={named} isMentor onChanged={vi.fn().mockResolvedValue(undefined)} />);
  expect(screen.getByText('Fatma Yilmaz, Stijn Peeters')).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Verplaatsen' }));
  const form = screen.getByRole('form', { name: 'Verplaatsen' });
  const people = within(form).getByRole('group', { name: 'Deelnemers' });
  await within(people).findByLabelText('An Claes');
  expect(get).toHaveBeenCalledWith('/api/v1/assignments/{id}/team', { params: { path: { id: SESSION.assignmentId } } });
  // Stijn left the organisation: still listed (ticked) until the mentor unticks him
  expect(within(people).getAllByRole('checkbox').map((box) => [box.parentElement?.textContent, (box as HTMLInputElement).checked])).toEqual([
    ['An Claes', false],
    ['Fatma Yilmaz', true],
    ['Stijn Peeters', true],
  ]);
  await user.click(within(people).getByLabelText('An Claes'));
  await user.click(within(people).getByLabelText('Stijn Peeters'));
  await user.click(within(form).getByRole('button', { name: 'Wijziging bewaren' }));
  await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
  expect(patch.mock.calls[0][1].body.participantIds).toEqual([FATMA, AN]);
});
