import { useState } from 'react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { Invitations } from './organisation-page';
import { OrganisationProfile } from './organisation-profile';

const calls = { GET: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn(), POST: vi.fn() };
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { GET: (...a: unknown[]) => calls.GET(...a), PATCH: (...a: unknown[]) => calls.PATCH(...a), DELETE: (...a: unknown[]) => calls.DELETE(...a), POST: (...a: unknown[]) => calls.POST(...a) },
}));
const answer = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

const ORG = {
  id: '0190a000-0000-7000-8000-000000000001',
  hubId: '0190a000-0000-7000-8000-000000000009',
  name: 'Kringwinkel Genk',
  type: 'social',
  enterpriseNumber: '0123.456.749',
  workDomains: ['industry'],
  status: 'active',
  createdAt: '2026-01-05T09:00:00Z',
  approvedAt: '2026-01-06T09:00:00Z',
  charter: null,
  proposedChange: null,
} as unknown as Schemas['OrganisationView'];

function Profile() {
  const [organisation, setOrganisation] = useState(ORG);
  return <OrganisationProfile organisation={organisation} onChanged={setOrganisation} />;
}

beforeEach(() => {
  Object.values(calls).forEach((call) => call.mockReset());
  initI18n('nl');
});
afterEach(cleanup);

it("saves the profile; a new name of an active organisation is said to go to the hub admin first, shown as waiting, and can be withdrawn", async () => {
  const proposed = { ...ORG, workDomains: ['industry', 'green'], proposedChange: { name: 'Kringwinkel Limburg', proposedAt: '2026-12-01T10:00:00Z' } };
  calls.PATCH.mockResolvedValue(answer(proposed));
  calls.DELETE.mockResolvedValue(answer(null, 204));
  calls.GET.mockResolvedValue(answer({ ...proposed, proposedChange: null }));
  const user = userEvent.setup({ delay: null });
  render(<Profile />);
  await user.click(screen.getByRole('button', { name: 'Profiel wijzigen' }));
  const form = screen.getByRole('form', { name: 'Profiel wijzigen' });
  expect(within(form).getByText('Een nieuwe naam of een nieuw ondernemingsnummer keurt de beheerder van de hub eerst goed.', { exact: false })).toBeTruthy();
  const number = within(form).getByLabelText('Ondernemingsnummer', { exact: false });
  await user.clear(number);
  await user.type(number, '12345');
  await user.click(within(form).getByRole('button', { name: 'Profiel bewaren' }));
  await within(form).findByText('Een ondernemingsnummer heeft 10 cijfers', { exact: false });
  expect(calls.PATCH).not.toHaveBeenCalled();

  await user.clear(number);
  await user.type(number, '0123.456.749');
  const name = within(form).getByLabelText('Naam van de organisatie', { exact: false });
  await user.clear(name);
  await user.type(name, ' Kringwinkel Limburg ');
  await user.click(within(form).getByLabelText('Groenontwikkeling'));
  await user.click(within(form).getByRole('button', { name: 'Profiel bewaren' }));
  await screen.findByText('gaat eerst naar de beheerder van de hub', { exact: false });
  expect(calls.PATCH).toHaveBeenCalledWith('/api/v1/organisations/{id}', {
    params: { path: { id: ORG.id } },
    body: { name: 'Kringwinkel Limburg', type: 'social', enterpriseNumber: '0123.456.749', workDomains: ['industry', 'green'] },
  });
  expect(screen.getByText('naam “Kringwinkel Limburg”.', { exact: false }).textContent).toContain('Op ');

  await user.click(screen.getByRole('button', { name: 'Voorstel intrekken' }));
  await screen.findByText('Het voorstel is ingetrokken', { exact: false });
  expect(calls.DELETE).toHaveBeenCalledWith('/api/v1/organisations/{id}/proposed-change', { params: { path: { id: ORG.id } } });
  expect(screen.queryByRole('button', { name: 'Voorstel intrekken' })).toBeNull();
});

it('lists the open invitations and revokes one, named by its address for a screen reader', async () => {
  const invitation = (email: string, n: number) => ({ id: `0190a000-0000-7000-8000-00000000010${n}`, organisationId: ORG.id, email, role: 'member', status: 'pending', expiresAt: '2026-12-15T10:00:00Z', createdAt: '2026-12-01T10:00:00Z' });
  calls.GET.mockResolvedValueOnce(answer({ items: [invitation('an@example.be', 1), invitation('bo@example.be', 2)], nextCursor: null })).mockResolvedValueOnce(answer({ items: [invitation('an@example.be', 1)], nextCursor: null }));
  calls.DELETE.mockResolvedValue(answer({ ...invitation('bo@example.be', 2), status: 'revoked' }));
  const user = userEvent.setup({ delay: null });
  render(<Invitations organisationId={ORG.id} />);
  await user.click(await screen.findByRole('button', { name: 'Intrekken bo@example.be' }));
  await screen.findByText('De uitnodiging voor bo@example.be is ingetrokken; de link werkt niet meer.');
  expect(calls.DELETE).toHaveBeenCalledWith('/api/v1/organisations/{id}/invitations/{invitationId}', { params: { path: { id: ORG.id, invitationId: invitation('', 2).id } } });
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Intrekken bo@example.be' })).toBeNull());
  expect(screen.getByRole('button', { name: 'Intrekken an@example.be' })).toBeTruthy();
});
