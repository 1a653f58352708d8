import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { PersonCard } from './people-page';

const PERSON: Schemas['PersonView'] = {
  id: '6f1d0f5e-0000-4000-8000-000000000001',
  hubId: '6f1d0f5e-0000-4000-8000-000000000099',
  name: 'Ilse Claes',
  email: 'ilse@cirkel.test',
  language: 'nl',
  hubRoles: ['job_coach'],
  memberships: [{ organisationId: '6f1d0f5e-0000-4000-8000-000000000002', organisationName: 'Kringwinkel Genk', role: 'member' }],
  deactivatedAt: null,
};

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

it('sends the full set of hub roles, in a stable order, as checked', async () => {
  const onRoles = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PersonCard person={PERSON} busy={false} onRoles={onRoles} onDeactivate={vi.fn()} onReactivate={vi.fn()} />);
  expect(screen.getByText(/Lid van Kringwinkel Genk/)).toBeTruthy();
  const roles = screen.getByRole('group', { name: 'Rollen van Ilse Claes' });
  expect((within(roles).getByLabelText('jobcoach') as HTMLInputElement).checked).toBe(true);
  await user.click(within(roles).getByLabelText('beheerder van de hub'));
  await user.click(within(roles).getByLabelText('mentor'));
  await user.click(within(roles).getByLabelText('jobcoach'));
  await user.click(screen.getByRole('button', { name: 'Rollen van Ilse Claes bewaren' }));
  expect(onRoles).toHaveBeenCalledWith(['mentor', 'hub_admin']);
});

it('offers to close an open account, and only that', async () => {
  const onDeactivate = vi.fn();
  const onReactivate = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PersonCard person={PERSON} busy={false} onRoles={vi.fn()} onDeactivate={onDeactivate} onReactivate={onReactivate} />);
  expect(screen.queryByText('Gesloten')).toBeNull();
  await user.click(screen.getByText('Account van Ilse Claes…'));
  expect(screen.queryByRole('button', { name: 'Account van Ilse Claes weer openen' })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Account van Ilse Claes afsluiten' }));
  expect(onDeactivate).toHaveBeenCalledTimes(1);
  expect(onReactivate).not.toHaveBeenCalled();
});

it('marks a closed account with its day, and offers to open it again, and only that', async () => {
  const onDeactivate = vi.fn();
  const onReactivate = vi.fn();
  const user = userEvent.setup({ delay: null });
  const closed = { ...PERSON, hubRoles: [], memberships: [], deactivatedAt: '2026-11-30T23:30:00Z' };
  render(<PersonCard person={closed} busy={false} onRoles={vi.fn()} onDeactivate={onDeactivate} onReactivate={onReactivate} />);
  expect(screen.getByText('Gesloten')).toBeTruthy();
  // 23:30 UTC is already 1 December in Brussels.
  expect(screen.getByText(/sinds 1 december 2026/)).toBeTruthy();
  await user.click(screen.getByText('Account van Ilse Claes…'));
  expect(screen.queryByRole('button', { name: 'Account van Ilse Claes afsluiten' })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Account van Ilse Claes weer openen' }));
  expect(onReactivate).toHaveBeenCalledTimes(1);
  expect(onDeactivate).not.toHaveBeenCalled();
});
