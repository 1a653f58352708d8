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

it('closes or opens the account from behind its disclosure', async () => {
  const onDeactivate = vi.fn();
  const onReactivate = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PersonCard person={PERSON} busy={false} onRoles={vi.fn()} onDeactivate={onDeactivate} onReactivate={onReactivate} />);
  await user.click(screen.getByText('Account van Ilse Claes…'));
  await user.click(screen.getByRole('button', { name: 'Account van Ilse Claes afsluiten' }));
  expect(onDeactivate).toHaveBeenCalledTimes(1);
  await user.click(screen.getByRole('button', { name: 'Account van Ilse Claes weer openen' }));
  expect(onReactivate).toHaveBeenCalledTimes(1);
});
