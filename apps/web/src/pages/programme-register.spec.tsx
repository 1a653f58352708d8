import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { RegisterButton } from './programmes-pages';

const ATELIER = { organisationId: '0190a000-0000-7000-8000-000000000001', organisationName: 'Atelier A', role: 'member' as const };
const BAKKERIJ = { organisationId: '0190a000-0000-7000-8000-000000000002', organisationName: 'Bakkerij B', role: 'org_admin' as const };

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

it('asks a person of several organisations which one they register for, and sends it', async () => {
  const onRegister = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<RegisterButton memberships={[ATELIER, BAKKERIJ]} full={false} pending={false} onRegister={onRegister} />);
  await user.selectOptions(screen.getByLabelText('Voor welke organisatie schrijf je je in?'), 'Bakkerij B');
  await user.click(screen.getByRole('button', { name: 'Inschrijven' }));
  expect(onRegister).toHaveBeenCalledWith({ organisationId: BAKKERIJ.organisationId });
});

it('sends no organisation for a person of one, and offers the waiting list when the places are taken', async () => {
  const onRegister = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<RegisterButton memberships={[ATELIER, { ...ATELIER, role: 'org_admin' }]} full pending={false} onRegister={onRegister} />);
  expect(screen.queryByLabelText('Voor welke organisatie schrijf je je in?')).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Op de wachtlijst zetten' }));
  expect(onRegister).toHaveBeenCalledWith({});
});

it('offers a person of no organisation (a hub admin) neither registering nor the waiting list', () => {
  const { container } = render(<RegisterButton memberships={[]} full pending={false} onRegister={vi.fn()} />);
  expect(screen.queryByRole('button')).toBeNull();
  expect(container.textContent).toBe('');
});
