import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { AuditLogPage, DeadLettersPage } from './admin-pages';
import { DigestsPage } from './digests-pages';
import { NotificationsPage } from './notifications-page';
import { ParticipantsPage } from './participants-pages';

/** The lists the API hands out by cursor: the first page, then the next one added after "more". */
const get = vi.fn();
const post = vi.fn();
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
}));
vi.mock('../session/session', () => ({ useSession: () => ({ me: { person: { hubRoles: ['job_coach', 'hub_admin'], memberships: [] } } }) }));

const answer = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
/** Answers `path` with `first` (and a cursor), then `second` for that cursor. */
function paged(path: string, first: unknown[], second: unknown[]) {
  get.mockImplementation(async (asked: string, options?: { params?: { query?: { cursor?: string } } }) => {
    if (asked !== path) throw new Error(`not mocked: ${asked}`);
    return answer(options?.params?.query?.cursor === 'page-2' ? { items: second, nextCursor: null } : { items: first, nextCursor: 'page-2' });
  });
}
const cursorsAsked = () => get.mock.calls.map(([, options]) => (options as { params?: { query?: { cursor?: string } } })?.params?.query?.cursor ?? null);

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

async function pressMore(page: ReactElement, more: string) {
  render(page);
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('button', { name: more }));
  return user;
}

const participant = (n: number) => ({ id: `p${n}`, entryDate: `2026-0${n}-01`, gender: 'woman', ageBand: 'from25to54', placements: [], exitDate: null });

it("adds a job coach's next 50 participants after 'more', and the button goes once the API has no more", async () => {
  paged('/api/v1/participants', [participant(1)], [participant(2)]);
  await pressMore(<ParticipantsPage />, 'Meer deelnemers tonen');
  await screen.findByRole('link', { name: /Deelnemer sinds 1 feb/ });
  expect(screen.getAllByRole('listitem')).toHaveLength(2);
  expect(cursorsAsked()).toEqual([null, 'page-2']);
  expect(get.mock.calls[1][1]).toEqual({ params: { query: { limit: 50, cursor: 'page-2' } } });
  expect(screen.queryByRole('button', { name: 'Meer deelnemers tonen' })).toBeNull();
});

const notification = (n: number, read = false) => ({ id: `n${n}`, title: `Melding ${n}`, body: 'Tekst', link: null, createdAt: '2026-11-30T10:00:00Z', readAt: read ? '2026-11-30T11:00:00Z' : null });

it("adds the inbox's next 50 after 'more'; marking one read keeps the pages shown", async () => {
  paged('/api/v1/notifications', [notification(1)], [notification(2)]);
  post.mockResolvedValue(answer({}));
  const user = await pressMore(<NotificationsPage />, 'Meer meldingen tonen');
  await screen.findByRole('heading', { name: /Melding 2/ });
  expect(cursorsAsked()).toEqual([null, 'page-2']);
  await user.click(screen.getByRole('button', { name: /Melding 2/ }));
  expect(post).toHaveBeenCalledWith('/api/v1/notifications/{id}/read', { params: { path: { id: 'n2' } } });
  const second = screen.getByRole('heading', { name: /Melding 2/ }).closest('li') as HTMLElement;
  expect(second.className).toBe('read');
  expect(within(screen.getByRole('heading', { name: /Melding 1/ }).closest('li') as HTMLElement).queryByText('nieuw')).toBeTruthy();
  expect(get).toHaveBeenCalledTimes(2); // not read again from the first page
});

it("adds the digest archive's next year after 'more'", async () => {
  const digest = (week: string) => ({ id: week, week, createdAt: '2026-11-30T06:00:00Z' });
  paged('/api/v1/digests', [digest('2026-W48')], [digest('2025-W48')]);
  await pressMore(<DigestsPage />, 'Meer overzichten tonen');
  await screen.findByRole('link', { name: /2025-W48/ });
  expect(cursorsAsked()).toEqual([null, 'page-2']);
});

const letter = (id: number) => ({ id, subject: 'x', eventType: `event.${id}`, consumer: 'c', reason: 'boom', deliveries: 3, createdAt: '2026-11-30T10:00:00Z', payload: '{}', replayedAt: null });

it("adds a service's next 50 dead letters after 'more'; a replay marks the letter where it stands", async () => {
  paged('/api/v1/admin/dead-letters', [letter(1)], [letter(2)]);
  post.mockResolvedValue(answer({ ...letter(2), replayedAt: '2026-11-30T12:00:00Z' }));
  const user = await pressMore(<DeadLettersPage />, 'Meer berichten tonen');
  await screen.findByRole('heading', { name: /event\.2/ });
  expect(get.mock.calls[1][1]).toEqual({ params: { query: { service: 'notifications', limit: 50, cursor: 'page-2' } } });
  const second = screen.getByRole('heading', { name: /event\.2/ }).closest('li') as HTMLElement;
  await user.click(within(second).getByRole('button'));
  await screen.findByText('Bericht 2 is opnieuw verwerkt.');
  expect(within(second).queryByRole('button')).toBeNull(); // replayed: no second replay
  expect(screen.getAllByRole('listitem')).toHaveLength(2);
  expect(get).toHaveBeenCalledTimes(2);
});

const entry = (n: number) => ({ id: `a${n}`, at: '2026-11-30T10:00:00Z', action: 'participant-read', personId: `person-${n}-xxxxxxxx`, participantId: `participant-${n}`, period: null, fields: [] });

it("adds the audit log's next 100 after 'more', and asks for one participant's entries by their id", async () => {
  paged('/api/v1/audit-log', [entry(1)], [entry(2)]);
  const user = await pressMore(<AuditLogPage />, 'Meer regels tonen');
  await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3)); // the head and two entries
  expect(cursorsAsked()).toEqual([null, 'page-2']);
  const id = '6f1d0f5e-0000-4000-8000-0000000000aa';
  await user.type(screen.getByLabelText('Alleen deze deelnemer (id)', { exact: false }), id);
  await user.click(screen.getByRole('button', { name: 'Tonen' }));
  await screen.findByRole('button', { name: 'Meer regels tonen' });
  expect(get.mock.calls.at(-1)?.[1]).toEqual({ params: { query: { limit: 100, participantId: id } } });
});
