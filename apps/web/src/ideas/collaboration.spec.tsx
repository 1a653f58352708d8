import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { Collaboration } from './collaboration';

const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args) } }));

const id = (n: number) => `6f1d0f5e-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const LEAD = { id: id(1), name: 'Kringwinkel Genk' };
const REQUEST: Schemas['CollaborationView'] = { id: id(30), ideaId: id(20), organisation: { id: id(2), name: 'Bakkerij B' }, status: 'requested', requestedAt: '2026-11-20T09:00:00Z', decidedAt: null };
const IDEA = {
  id: id(20),
  title: 'Herstelatelier',
  stage: 'submitted',
  leadOrganisation: LEAD,
  collaborators: [{ id: id(3), name: 'Atelier A' }],
  collaborationRequests: null,
} as unknown as Schemas['IdeaView'];
const member = (organisationId: string, organisationName: string) => ({ organisationId, organisationName, role: 'member' as const });
const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

beforeEach(() => {
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

it('lets the lead organisation accept an open request, and names who already works on the idea', async () => {
  post.mockResolvedValue(ok({ ...REQUEST, status: 'accepted' }));
  const onChanged = vi.fn().mockResolvedValue(undefined);
  const user = userEvent.setup({ delay: null });
  render(<Collaboration idea={{ ...IDEA, collaborationRequests: [REQUEST] }} memberships={[member(LEAD.id, LEAD.name)]} onChanged={onChanged} />);
  expect(screen.getByText('Werken mee: Atelier A.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Vragen om mee te werken' })).toBeNull(); // one's own idea
  await user.click(screen.getByRole('button', { name: 'Aanvaarden: Bakkerij B' }));
  await waitFor(() => expect(onChanged).toHaveBeenCalled());
  expect(post).toHaveBeenCalledWith('/api/v1/ideas/{id}/collaboration-requests/{requestId}/decision', { params: { path: { id: id(20), requestId: id(30) } }, body: { accept: true } });
  await screen.findByText('Bakkerij B werkt nu mee aan dit idee.');
});

it('lets a member of another organisation ask to work on a submitted idea, for the organisation they choose', async () => {
  post.mockResolvedValue(ok(REQUEST));
  const user = userEvent.setup({ delay: null });
  render(<Collaboration idea={IDEA} memberships={[member(id(4), 'Bouwbedrijf C'), member(id(2), 'Bakkerij B')]} onChanged={vi.fn()} />);
  await user.selectOptions(screen.getByLabelText('Voor welke organisatie vraag je het?'), 'Bakkerij B');
  await user.click(screen.getByRole('button', { name: 'Vragen om mee te werken' }));
  expect(post).toHaveBeenCalledWith('/api/v1/ideas/{id}/collaboration-requests', { params: { path: { id: id(20) } }, body: { organisationId: id(2) } });
  await screen.findByText('Je vraag is verstuurd. Kringwinkel Genk beslist en je krijgt een melding.');
  expect(screen.queryByRole('button', { name: 'Vragen om mee te werken' })).toBeNull(); // asked once
});

it('offers no request on a draft, nor to an organisation that already works on the idea', () => {
  const { rerender } = render(<Collaboration idea={{ ...IDEA, stage: 'draft' }} memberships={[member(id(4), 'Bouwbedrijf C')]} onChanged={vi.fn()} />);
  expect(screen.queryByRole('button', { name: 'Vragen om mee te werken' })).toBeNull();
  rerender(<Collaboration idea={IDEA} memberships={[member(id(3), 'Atelier A')]} onChanged={vi.fn()} />);
  expect(screen.queryByRole('button', { name: 'Vragen om mee te werken' })).toBeNull();
});
