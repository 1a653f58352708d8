import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { initI18n } from '../i18n/i18n';
import { CalendarFeed, PasswordForm } from './account-page';

const post = vi.fn();
const get = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args), GET: (...args: unknown[]) => get(...args) } }));

beforeEach(() => {
  post.mockReset();
  get.mockReset();
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

const feed = (token: string, status = 201) => ({ data: { path: `/api/v1/calendar-feeds/${token}`, createdAt: '2026-12-01T09:00:00Z' }, response: new Response(null, { status }) });
const none = () => ({ error: { type: 'calendar-feed-not-found', title: 'Not found', status: 404, detail: 'Your calendar feed (none made yet)' }, response: new Response(null, { status: 404 }) });

it('offers to make the secret calendar address when there is none, and shows it in full, to copy', async () => {
  get.mockResolvedValueOnce(none());
  post.mockResolvedValueOnce(feed('a'.repeat(43)));
  const user = userEvent.setup({ delay: null });
  render(<CalendarFeed />);
  await user.click(await screen.findByRole('button', { name: 'Agenda-adres maken' }));
  expect(screen.queryByRole('alert')).toBeNull(); // having none is no problem
  await waitFor(() => expect((field('Je geheime agenda-adres') as HTMLInputElement).value).toBe(`${window.location.origin}/api/v1/calendar-feeds/${'a'.repeat(43)}`));
  expect(get).toHaveBeenCalledWith('/api/v1/me/calendar-feed');
  expect(post).toHaveBeenCalledWith('/api/v1/me/calendar-feed');
  await screen.findByText('Je agenda-adres staat klaar', { exact: false });
  expect(screen.queryByRole('button', { name: 'Agenda-adres maken' })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Adres kopiëren' }));
  expect(await navigator.clipboard.readText()).toContain('a'.repeat(43));
  await screen.findByText('Het adres is gekopieerd', { exact: false });
});

it('shows the current calendar address without renewing it; renewing asks a second press and shows the new one', async () => {
  get.mockResolvedValueOnce(feed('a'.repeat(43), 200));
  post.mockResolvedValueOnce(feed('b'.repeat(43)));
  const user = userEvent.setup({ delay: null });
  render(<CalendarFeed />);
  await waitFor(() => expect((field('Je geheime agenda-adres') as HTMLInputElement).value).toContain('a'.repeat(43)));
  expect(post).not.toHaveBeenCalled();
  const renew = screen.getByRole('button', { name: 'Nieuw agenda-adres maken' });
  expect(renew.getAttribute('aria-expanded')).toBe('false');
  await user.click(renew);
  expect(post).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Ja, zet het oude adres uit' }));
  await waitFor(() => expect((field('Je geheime agenda-adres') as HTMLInputElement).value).toContain('b'.repeat(43)));
  await screen.findByText('het vorige werkt niet meer', { exact: false });
  expect(screen.queryByRole('button', { name: 'Ja, zet het oude adres uit' })).toBeNull();
});

it('says so when the calendar address cannot be read, other than having none', async () => {
  get.mockRejectedValueOnce(new TypeError('offline'));
  render(<CalendarFeed />);
  expect((await screen.findByRole('alert')).textContent).toBeTruthy();
});
