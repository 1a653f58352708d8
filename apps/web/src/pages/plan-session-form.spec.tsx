import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { PlanSessionForm } from './assignments-page';

const post = vi.fn();
const get = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args), GET: (...args: unknown[]) => get(...args) } }));

const AN = '6f1d0f5e-0000-4000-8000-000000000004';
const FATMA = '6f1d0f5e-0000-4000-8000-000000000002';
const ASSIGNMENT = { id: '6f1d0f5e-0000-4000-8000-0000000000bb' } as Schemas['AssignmentView'];
const answer = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

beforeEach(() => {
  post.mockReset();
  get.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it("plans a session with the participants the mentor ticks by name among the idea's organisation's people", async () => {
  get.mockResolvedValue(answer({ items: [{ personId: AN, name: 'An Claes' }, { personId: FATMA, name: 'Fatma Yilmaz' }] }));
  post.mockImplementation(async (_path: string, { body }: { body: { startsAt: string } }) => answer({ startsAt: body.startsAt }, 201));
  const user = userEvent.setup({ delay: null });
  render(<PlanSessionForm assignment={ASSIGNMENT} />);
  const people = screen.getByRole('group', { name: 'Deelnemers' });
  await user.click(await within(people).findByLabelText('Fatma Yilmaz'));
  expect(get).toHaveBeenCalledWith('/api/v1/assignments/{id}/team', { params: { path: { id: ASSIGNMENT.id } } });
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await user.type(screen.getByLabelText('Begint op', { exact: false }), `${inAWeek}T10:00`);
  await user.type(screen.getByLabelText('Plaats', { exact: false }), 'Portavida, Genk');
  await user.click(screen.getByRole('button', { name: 'Sessie plannen' }));
  await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
  expect(post.mock.calls[0][1].body).toMatchObject({ durationMinutes: 60, place: 'Portavida, Genk', participantIds: [FATMA] });
  await screen.findByText('De sessie is gepland', { exact: false });
  expect((within(people).getByLabelText('Fatma Yilmaz') as HTMLInputElement).checked).toBe(false); // a fresh form for the next one
});

it('says what to do when the organisation has no one to invite, and shows a refused list in Dutch', async () => {
  get.mockResolvedValueOnce(answer({ items: [] }));
  render(<PlanSessionForm assignment={ASSIGNMENT} />);
  await screen.findByText('De organisatie van dit idee heeft nog geen actieve leden', { exact: false });
  cleanup();
  get.mockResolvedValueOnce({ error: { type: 'assignment-not-active', title: 'Not coaching this idea', status: 409 }, response: new Response(null, { status: 409 }) });
  render(<PlanSessionForm assignment={ASSIGNMENT} />);
  expect((await screen.findByRole('alert')).textContent).toContain('Je begeleidt dit idee niet (meer).');
  expect(screen.queryByText('De mensen van de organisatie worden geladen…')).toBeNull();
});
