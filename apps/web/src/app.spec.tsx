import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { App } from './app';
import { initI18n } from './i18n/i18n';
import { AdminExportPage } from './pages/admin-export-page';
import { navigate } from './router';

/** The shell around the pages: what it says when the API did not keep something. */
vi.mock('./api/client', async (original) => ({ ...(await original<typeof import('./api/client')>()), api: { GET: () => new Promise(() => undefined) } }));
const changeLanguage = vi.fn();
let connectionLost = false;
const session = () => ({ status: 'authenticated', connectionLost, me: { person: { name: 'Hanne', hubRoles: ['hub_admin'], memberships: [] } }, changeLanguage, logout: vi.fn() });
vi.mock('./session/session', () => ({ useSession: () => session() }));

beforeEach(() => {
  initI18n('nl');
  changeLanguage.mockReset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it("says so when the language chosen was not kept for the account, and no more once it is", async () => {
  navigate('/no-such-page');
  render(<App />);
  const user = userEvent.setup({ delay: null });
  changeLanguage.mockRejectedValueOnce(new Error('503'));
  await user.click(screen.getByRole('button', { name: 'English' }));
  expect(changeLanguage).toHaveBeenCalledWith('en');
  expect((await screen.findByText(/niet bewaard in je account/)).closest('[role="status"]')).toBeTruthy();
  changeLanguage.mockResolvedValueOnce(undefined);
  await user.click(screen.getByRole('button', { name: 'English' }));
  await vi.waitFor(() => expect(screen.queryByText(/niet bewaard in je account/)).toBeNull());
});

it('says under the header that the connection is lost while a refresh cannot reach the API (the login is kept)', () => {
  navigate('/no-such-page');
  connectionLost = true;
  try {
    render(<App />);
    expect(screen.getByText('Er is geen verbinding met Cirkel. Je blijft ingelogd; we proberen het opnieuw.').closest('[role="status"]')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Uitloggen/ })).toBeTruthy();
  } finally {
    connectionLost = false;
  }
});

it("proposes this year in Brussels for the export, also on New Year's Eve in a browser elsewhere", () => {
  const zone = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-31T23:30:00Z')); // 00:30 on 1 January 2027 in Brussels
    render(<AdminExportPage />);
    expect((screen.getByLabelText('Periode', { exact: false }) as HTMLInputElement).value).toBe('2027');
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
