import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { MentorSuggestions } from './mentor-suggestions';

const get = vi.fn();
const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) } }));
const answer = (status: number, data: unknown) => (status < 300 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });
const id = (n: number) => `6f1d0f5e-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const IDEA = { id: id(1), stage: 'submitted' } as Schemas['IdeaView'];
const mentor = (n: number, name: string, more: Partial<Schemas['MentorSuggestion']>): Schemas['MentorSuggestion'] => ({
  personId: id(n),
  name,
  eligible: true,
  inDomain: true,
  workDomains: ['green'],
  capacity: 3,
  load: 1,
  free: 2,
  availableNow: true,
  unavailableUntil: null,
  askedBefore: false,
  openProposalSince: null,
  reasons: [],
  ...more,
});

beforeEach(() => {
  get.mockReset().mockResolvedValue(answer(200, { ideaId: id(1), items: [mentor(10, 'Els Janssens', {}), mentor(11, 'Koen Peeters', { eligible: false, inDomain: false, askedBefore: true, load: 3, free: 0 })] }));
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('lists the mentors best first with why, and proposes the idea to the one chosen', async () => {
  post.mockResolvedValue(answer(201, { id: id(20) }));
  const user = userEvent.setup({ delay: null });
  render(<MentorSuggestions idea={IDEA} />);
  const [els, koen] = await screen.findAllByRole('listitem');
  expect(within(els).getByText('komt in aanmerking voor de matching · werkt in dit domein · 1 van 3 ideeën')).toBeTruthy();
  expect(within(koen).getByText('werkt niet in dit domein · 3 van 3 ideeën · kreeg dit idee al eens voorgesteld')).toBeTruthy();
  await user.click(within(koen).getByRole('button', { name: 'Voorstellen aan Koen Peeters' }));
  await screen.findByText('Het idee is voorgesteld aan Koen Peeters.');
  expect(post).toHaveBeenCalledWith('/api/v1/ideas/{id}/assignments', { params: { path: { id: id(1) } }, body: { mentorId: id(11) } });
  expect(get).toHaveBeenCalledTimes(2);
});

it('says in Dutch why a proposal is refused', async () => {
  post.mockResolvedValue(answer(409, { type: 'https://cirkel.example/problems/idea-has-mentor', title: 'Idea has a mentor', status: 409 }));
  const user = userEvent.setup({ delay: null });
  render(<MentorSuggestions idea={IDEA} />);
  await user.click(await screen.findByRole('button', { name: 'Voorstellen aan Els Janssens' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Dit idee heeft al een mentor.');
});

it('names the mentor who is full, not the mentor’s own advice', async () => {
  post.mockResolvedValue(answer(409, { type: 'https://cirkel.example/problems/mentor-at-capacity', title: 'Mentor at capacity', status: 409 }));
  const user = userEvent.setup({ delay: null });
  render(<MentorSuggestions idea={IDEA} />);
  await user.click(await screen.findByRole('button', { name: 'Voorstellen aan Koen Peeters' }));
  expect((await screen.findByRole('alert')).textContent).toBe('Koen Peeters begeleidt al zoveel ideeën als het profiel toelaat. Kies een andere mentor, of vraag Koen Peeters om meer plaatsen.');
  expect(screen.getAllByRole('alert')).toHaveLength(1);
});

it('says what to do when the hub has no mentor', async () => {
  get.mockResolvedValue(answer(200, { ideaId: id(1), items: [] }));
  render(<MentorSuggestions idea={IDEA} />);
  await screen.findByText('De hub heeft nog geen actieve mentor. Geef iemand de rol mentor bij Mensen van de hub.');
});

it('marks the mentor whose answer the open proposal waits for, and offers only the others', async () => {
  get.mockReset().mockResolvedValue(answer(200, { ideaId: id(1), items: [mentor(10, 'Els Janssens', { openProposalSince: '2026-11-30T08:15:00Z' }), mentor(11, 'Koen Peeters', {})] }));
  render(<MentorSuggestions idea={IDEA} />);
  const [els, koen] = await screen.findAllByRole('listitem');
  expect(within(els).getByText('Wacht op antwoord')).toBeTruthy();
  expect(within(els).getByText(/voorgesteld op 30 nov 2026, 09:15/)).toBeTruthy();
  expect(within(els).queryByRole('button')).toBeNull();
  expect(within(koen).queryByText('Wacht op antwoord')).toBeNull();
  expect(within(koen).getByRole('button', { name: 'Voorstellen aan Koen Peeters' })).toBeTruthy();
});
