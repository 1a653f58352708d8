import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { AssignmentsPage } from './assignments-page';
import { CoachedIdeaPage } from './coached-idea-page';

const get = vi.fn();
const post = vi.fn();
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));
const me = vi.fn();
vi.mock('../session/session', () => ({ useSession: () => ({ me: me() }) }));

const MENTOR = '6f1d0f5e-0000-4000-8000-000000000001';
const FATMA = '6f1d0f5e-0000-4000-8000-000000000002';
const ADMIN = '6f1d0f5e-0000-4000-8000-000000000003';
const IDEA_ID = '6f1d0f5e-0000-4000-8000-0000000000cc';
const ASSIGNMENT = '6f1d0f5e-0000-4000-8000-0000000000bb';
const IDEA = { id: IDEA_ID, title: 'Fietsherstel', stage: 'coaching', leadOrganisation: { id: 'o', name: 'Kringloop Genk' }, mentor: { id: MENTOR, name: 'Wim Goossens' } };
const DAY = 86_400_000;
const session = (id: string, inDays: number, extra: Partial<Schemas['CoachingSessionView']> = {}): Schemas['CoachingSessionView'] => ({
  id: `6f1d0f5e-0000-4000-8000-0000000001${id}`,
  assignmentId: ASSIGNMENT,
  idea: { id: IDEA_ID, title: 'Fietsherstel' },
  mentor: { personId: MENTOR, name: 'Wim Goossens' },
  participantIds: [FATMA],
  participants: [{ personId: FATMA, name: 'Fatma Yilmaz' }],
  startsAt: new Date(Date.now() + inDays * DAY).toISOString(),
  durationMinutes: 60,
  place: `Plaats ${id}`,
  status: 'planned',
  cancelReason: null,
  notes: '',
  heldAt: null,
  actionItems: [],
  ...extra,
});
const HELD = session('01', -14, { status: 'held', notes: 'Prijzen besproken.', actionItems: [{ id: '6f1d0f5e-0000-4000-8000-0000000002aa', sessionId: '6f1d0f5e-0000-4000-8000-000000000101', description: 'Offerte vragen', ownerId: FATMA, dueOn: '2026-12-20', done: false, doneAt: null }] });
const EARLIER = session('02', -30, { status: 'cancelled', cancelReason: 'ziek' });
const NEXT = session('03', 7);
const answer = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
/** The API as the page reads it: the idea, its sessions (pages by cursor), the mentor's assignments, a team. */
function api(pages: Record<string, { items: unknown[]; nextCursor: string | null }>) {
  get.mockImplementation(async (path: string, options?: { params?: { query?: { cursor?: string } } }) => {
    if (path === '/api/v1/ideas/{id}') return answer(IDEA);
    if (path === '/api/v1/sessions') return answer(pages[options?.params?.query?.cursor ?? 'first']);
    if (path === '/api/v1/assignments') return answer({ items: [{ id: ASSIGNMENT, status: 'accepted', idea: { id: IDEA_ID, title: 'Fietsherstel', workDomain: 'industry' } }] });
    if (path === '/api/v1/assignments/{id}/team') return answer({ items: [{ personId: FATMA, name: 'Fatma Yilmaz' }] });
    throw new Error(`not mocked: ${path}`);
  });
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('shows a hub admin the idea with its sessions to come and past (latest first), asked by ideaId, to read only', async () => {
  me.mockReturnValue({ person: { id: ADMIN, hubRoles: ['hub_admin'] }, organisations: [] });
  api({ first: { items: [EARLIER, HELD, NEXT], nextCursor: null } });
  render(<CoachedIdeaPage id={IDEA_ID} />);
  await screen.findByRole('heading', { level: 1, name: 'Begeleiding van Fietsherstel' });
  expect(screen.getByText(/Kringloop Genk · mentor Wim Goossens/)).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/v1/sessions', { params: { query: { ideaId: IDEA_ID, limit: 500 } } });

  const coming = await screen.findByRole('region', { name: 'Komende sessies' });
  await within(coming).findByText('Plaats 03');
  expect(within(coming).queryByText('Plaats 01')).toBeNull();
  const past = screen.getByRole('region', { name: 'Voorbije sessies' });
  expect(within(past).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([expect.stringContaining('(gehouden)'), expect.stringContaining('(geannuleerd)')]);
  expect(within(past).getByText('Prijzen besproken.')).toBeTruthy();
  expect(within(past).getByText(/ziek/)).toBeTruthy();
  // Looking on: an action item not to tick, no move or cancel, no planning.
  expect((within(past).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
  expect(screen.queryByRole('button', { name: 'Verplaatsen' })).toBeNull();
  expect(screen.queryByText('Een sessie plannen voor Fietsherstel')).toBeNull();
  expect(get).not.toHaveBeenCalledWith('/api/v1/assignments');
});

it('offers the idea’s mentor a session’s move and planning the next one here, then reads the sessions again', async () => {
  me.mockReturnValue({ person: { id: MENTOR, hubRoles: ['mentor'] }, organisations: [] });
  api({ first: { items: [NEXT], nextCursor: null } });
  post.mockResolvedValue({ data: session('04', 10), response: new Response(null, { status: 201 }) });
  const user = userEvent.setup({ delay: null });
  render(<CoachedIdeaPage id={IDEA_ID} />);
  const coming = await screen.findByRole('region', { name: 'Komende sessies' });
  await within(coming).findByRole('button', { name: 'Verplaatsen' });
  expect(screen.getByText('Er is nog geen sessie voorbij.')).toBeTruthy();

  await user.click(await screen.findByText('Een sessie plannen voor Fietsherstel'));
  const reads = get.mock.calls.filter(([path]) => path === '/api/v1/sessions').length;
  await user.type(screen.getByLabelText('Begint op', { exact: false }), '2030-03-04T10:00');
  await user.type(screen.getByLabelText('Plaats', { exact: false }), 'Portavida, Genk');
  await user.click(screen.getByRole('button', { name: 'Sessie plannen' }));
  await waitFor(() => expect(post).toHaveBeenCalledWith('/api/v1/assignments/{id}/sessions', expect.objectContaining({ params: { path: { id: ASSIGNMENT } } })));
  await waitFor(() => expect(get.mock.calls.filter(([path]) => path === '/api/v1/sessions').length).toBe(reads + 1));
});

it('shows more sessions with the API’s cursor, and says so in English', async () => {
  initI18n('en');
  me.mockReturnValue({ person: { id: ADMIN, hubRoles: ['hub_admin'] }, organisations: [] });
  api({ first: { items: [EARLIER], nextCursor: 'c2' }, c2: { items: [NEXT], nextCursor: null } });
  const user = userEvent.setup({ delay: null });
  render(<CoachedIdeaPage id={IDEA_ID} />);
  await screen.findByRole('heading', { level: 1, name: 'Coaching of Fietsherstel' });
  const coming = await screen.findByRole('region', { name: 'Sessions to come' });
  await within(coming).findByText('No session is planned.');
  await user.click(screen.getByRole('button', { name: 'Show more sessions' }));
  await within(coming).findByText('Plaats 03');
  expect(get).toHaveBeenCalledWith('/api/v1/sessions', { params: { query: { ideaId: IDEA_ID, limit: 500, cursor: 'c2' } } });
  expect(screen.queryByRole('button', { name: 'Show more sessions' })).toBeNull();
  expect(within(screen.getByRole('region', { name: 'Past sessions' })).getByText(/ziek/)).toBeTruthy();
});

it('is reached from /assignments: each idea coached links to its page', async () => {
  me.mockReturnValue({ person: { id: MENTOR, hubRoles: ['mentor'] }, organisations: [] });
  api({});
  render(<AssignmentsPage />);
  const link = await screen.findByRole('link', { name: 'Begeleiding en sessies van Fietsherstel' });
  expect(link.getAttribute('href')).toBe(`/ideas/${IDEA_ID}/coaching`);
});
