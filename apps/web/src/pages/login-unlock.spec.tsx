import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { initI18n } from '../i18n/i18n';
import { LoginPage } from './login-page';
import { UnlockLoginPage } from './token-pages';

/**
 * Issue 7: the owner on a new browser while their account is locked by failures made elsewhere. The
 * login page offers an unlock link by e-mail when (and only when) the account's lock refused the
 * login; the page the link opens uses it on a button press and sends the person to the login form.
 */
const post = vi.fn();
const login = vi.fn();
vi.mock('../api/client', async (original) => ({ ...(await original<typeof import('../api/client')>()), api: { POST: (...args: unknown[]) => post(...args) } }));
vi.mock('../session/session', () => ({ useSession: () => ({ login: (...args: unknown[]) => login(...args) }) }));

beforeEach(() => {
  post.mockReset();
  login.mockReset();
  window.history.replaceState(null, '', '/login');
  initI18n('nl');
});
afterEach(cleanup);

const answer = (data: unknown, status = 202) => ({ data, response: new Response(null, { status }) });
const problem = (type: string, status: number) => ({ error: { type, title: 'Refused', status, detail: 'Refused' }, response: new Response(null, { status }) });
const locked = () => new ApiProblem(429, 'login-account-locked', 'Too many requests', 'Too many failed logins to this account.');

async function tryToLogIn(user: ReturnType<typeof userEvent.setup>, email = 'an@kringwinkel.test') {
  await user.type(screen.getByLabelText('E-mailadres', { exact: false }), email);
  await user.type(screen.getByLabelText('Wachtwoord', { exact: false }), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Inloggen' }));
}

it('offers an unlock link when the account is locked, and asks for it for the address typed', async () => {
  login.mockRejectedValueOnce(locked());
  post.mockResolvedValueOnce(answer({ status: 'unlock-link-sent' }));
  const user = userEvent.setup({ delay: null });
  render(<LoginPage />);
  await tryToLogIn(user, ' an@kringwinkel.test ');
  expect((await screen.findByRole('alert')).textContent).toContain('te vaak een fout wachtwoord');
  await user.click(screen.getByRole('button', { name: 'Stuur mij een ontgrendellink' }));
  expect(post).toHaveBeenCalledWith('/api/v1/auth/login-unlocks', { body: { email: 'an@kringwinkel.test' } });
  expect((await screen.findByRole('status')).textContent).toContain('Als an@kringwinkel.test bij ons bekend is, staat er nu een ontgrendellink in je mailbox');
  expect(screen.queryByRole('button', { name: 'Stuur mij een ontgrendellink' })).toBeNull();
});

it('offers no unlock for another refusal: a wrong password, or too many attempts from this address', async () => {
  const user = userEvent.setup({ delay: null });
  render(<LoginPage />);
  login.mockRejectedValueOnce(new ApiProblem(401, 'invalid-credentials', 'Invalid credentials', 'E-mail or password is wrong.'));
  await tryToLogIn(user);
  await screen.findByRole('alert');
  expect(screen.queryByRole('button', { name: 'Stuur mij een ontgrendellink' })).toBeNull();
  login.mockRejectedValueOnce(new ApiProblem(429, 'too-many-requests', 'Too many requests', 'Too many login attempts.'));
  await user.click(screen.getByRole('button', { name: 'Inloggen' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Te veel pogingen');
  expect(screen.queryByRole('button', { name: 'Stuur mij een ontgrendellink' })).toBeNull();
});

it('in English too', async () => {
  initI18n('en');
  login.mockRejectedValueOnce(locked());
  const user = userEvent.setup({ delay: null });
  render(<LoginPage />);
  await user.type(screen.getByLabelText('E-mail address', { exact: false }), 'an@kringwinkel.test');
  await user.type(screen.getByLabelText('Password', { exact: false }), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('button', { name: 'Send me an unlock link' })).toBeTruthy();
});

it('unlocks this browser only on a button press, then shows the login form saying one can log in now', async () => {
  window.history.replaceState(null, '', `/login/unlock/${'t'.repeat(43)}`);
  post.mockResolvedValueOnce(answer({ status: 'browser-unlocked' }, 200));
  const user = userEvent.setup({ delay: null });
  render(<UnlockLoginPage token={'t'.repeat(43)} />);
  expect(post).not.toHaveBeenCalled(); // a mail scanner opening the link does not use it up
  await user.click(screen.getByRole('button', { name: 'Ontgrendel deze browser' }));
  expect(post).toHaveBeenCalledWith('/api/v1/auth/login-unlocks/confirmation', { body: { token: 't'.repeat(43) }, credentials: 'same-origin' });
  expect(window.location.pathname + window.location.search).toBe('/login?unlocked');
  cleanup();
  render(<LoginPage />);
  expect(screen.getByRole('status').textContent).toBe('Deze browser is ontgrendeld. Log nu in met je wachtwoord.');
});

it('says what is wrong with a used or expired link, and stays', async () => {
  window.history.replaceState(null, '', `/login/unlock/${'t'.repeat(43)}`);
  post.mockResolvedValueOnce(problem('login-unlock-used', 409)).mockResolvedValueOnce(problem('login-unlock-expired', 410));
  const user = userEvent.setup({ delay: null });
  render(<UnlockLoginPage token={'t'.repeat(43)} />);
  await user.click(screen.getByRole('button', { name: 'Ontgrendel deze browser' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Deze ontgrendellink is al gebruikt');
  await user.click(screen.getByRole('button', { name: 'Ontgrendel deze browser' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Deze ontgrendellink is verlopen');
  expect(window.location.pathname).toBe(`/login/unlock/${'t'.repeat(43)}`);
});
