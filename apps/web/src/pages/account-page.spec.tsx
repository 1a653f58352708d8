import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { initI18n } from '../i18n/i18n';
import { CalendarFeed, PasswordForm } from './account-page';

const post = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args) } }));

beforeEach(() => {
  post.mockReset();
  initI18n('nl');
});
afterEach(cleanup);

const field = (label: string) => screen.getByLabelText(label, { exact: false });

it('changes the password only with the current one and a new one of 10 characters typed twice alike; a wrong current one is said in Dutch', async () => {
  const change = vi.fn().mockRejectedValueOnce(new ApiProblem(403, 'wrong-current-password', 'Wrong current password', 'The current password is not right.')).mockResolvedValueOnce(undefined);
  const user = userEvent.setup({ delay: null });
  render(<PasswordForm change={change} />);
  await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
  await screen.findByText('Vul je huidige wachtwoord in.');
  expect(field('Huidig wachtwoord').getAttribute('aria-invalid')).toBe('true');
  await user.type(field('Huidig wachtwoord'), 'oud-wachtwoord');
  await user.type(field('Nieuw wachtwoord'), 'kort');
  await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
  expect(field('Nieuw wachtwoord').getAttribute('aria-invalid')).toBe('true');
  await user.type(field('Nieuw wachtwoord'), '-maar-nu-lang');
  await user.type(field('Herhaal het nieuwe wachtwoord'), 'iets anders');
  await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
  await screen.findByText('De twee wachtwoorden verschillen.');
  expect(change).not.toHaveBeenCalled();

  await user.clear(field('Herhaal het nieuwe wachtwoord'));
  await user.type(field('Herhaal het nieuwe wachtwoord'), 'kort-maar-nu-lang');
  await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Je huidige wachtwoord klopt niet');
  expect((field('Nieuw wachtwoord') as HTMLInputElement).value).toBe('kort-maar-nu-lang'); // what was typed stays
  await user.click(screen.getByRole('button', { name: 'Wachtwoord wijzigen' }));
  await screen.findByText('Je nieuwe wachtwoord is bewaard', { exact: false });
  expect(change).toHaveBeenLastCalledWith('oud-wachtwoord', 'kort-maar-nu-lang');
  expect((field('Huidig wachtwoord') as HTMLInputElement).value).toBe('');
});

it('makes the secret calendar address and shows it in full, to copy; renewing shows the new one', async () => {
  const feed = (token: string) => ({ data: { path: `/api/v1/calendar-feeds/${token}`, createdAt: '2026-12-01T09:00:00Z' }, response: new Response(null, { status: 201 }) });
  post.mockResolvedValueOnce(feed('a'.repeat(43))).mockResolvedValueOnce(feed('b'.repeat(43)));
  const user = userEvent.setup({ delay: null });
  render(<CalendarFeed />);
  expect(screen.queryByLabelText('Je geheime agenda-adres', { exact: false })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Agenda-adres maken' }));
  await waitFor(() => expect((field('Je geheime agenda-adres') as HTMLInputElement).value).toBe(`${window.location.origin}/api/v1/calendar-feeds/${'a'.repeat(43)}`));
  expect(post).toHaveBeenCalledWith('/api/v1/me/calendar-feed');
  await user.click(screen.getByRole('button', { name: 'Nieuw agenda-adres maken' }));
  await waitFor(() => expect((field('Je geheime agenda-adres') as HTMLInputElement).value).toContain('b'.repeat(43)));
  await user.click(screen.getByRole('button', { name: 'Adres kopiëren' }));
  expect(await navigator.clipboard.readText()).toContain('b'.repeat(43));
  await screen.findByText('Het adres is gekopieerd', { exact: false });
});
