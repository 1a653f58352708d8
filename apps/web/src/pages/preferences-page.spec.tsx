import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { initI18n } from '../i18n/i18n';
import { PreferencesForm } from './preferences-page';

const PREFERENCES: Schemas['NotificationPreferenceView'][] = [
  { category: 'assignment-proposals', inApp: true, email: 'immediate', canSwitchOff: false },
  { category: 'new-ideas', inApp: true, email: 'daily', canSwitchOff: true },
  { category: 'session-reminders', inApp: true, email: 'immediate', canSwitchOff: true },
];

beforeEach(() => void initI18n('nl'));
afterEach(cleanup);

it('changes what can be changed, says what cannot, and sends only the categories that can be switched off', async () => {
  const onSave = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<PreferencesForm initial={PREFERENCES} onSave={onSave} pending={false} />);
  const locked = screen.getByRole('group', { name: 'Ideeën die je voorgesteld worden om te begeleiden' });
  expect(within(locked).getByText('Deze meldingen kan je niet uitzetten.')).toBeTruthy();
  expect((within(locked).getByLabelText('Tonen in Cirkel') as HTMLInputElement).disabled).toBe(true);
  expect((within(locked).getByLabelText('E-mail') as HTMLSelectElement).disabled).toBe(true);

  const ideas = screen.getByRole('group', { name: 'Nieuwe ideeën in je domeinen' });
  await user.selectOptions(within(ideas).getByLabelText('E-mail'), 'Wekelijks overzicht');
  const reminders = screen.getByRole('group', { name: 'Herinneringen aan sessies' });
  await user.click(within(reminders).getByLabelText('Tonen in Cirkel'));
  await user.selectOptions(within(reminders).getByLabelText('E-mail'), 'Geen e-mail');
  await user.click(screen.getByRole('button', { name: 'Voorkeuren bewaren' }));
  expect(onSave).toHaveBeenCalledWith([
    { category: 'new-ideas', inApp: true, email: 'weekly' },
    { category: 'session-reminders', inApp: false, email: 'off' },
  ]);
});

it('has nothing to save when nothing can be switched off', () => {
  render(<PreferencesForm initial={[PREFERENCES[0]]} onSave={vi.fn()} pending={false} />);
  expect((screen.getByRole('button', { name: 'Voorkeuren bewaren' }) as HTMLButtonElement).disabled).toBe(true);
});
