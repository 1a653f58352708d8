import { api, ok, useAccessToken, type Schemas } from '../api/client';

type TokenPair = Schemas['TokenPairView'];

const REFRESH_KEY = 'cirkel.refresh';
/** Refresh this long before the access token expires (or at 80 % of a short lifetime). */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * The login: the access token only in memory (never in storage a script could read later), the
 * refresh token in this tab's sessionStorage so that a reload keeps the person logged in until the
 * tab closes; a new pair is fetched before the access token expires (one refresh at a time: the API
 * rotates refresh tokens and ends the login when an old one is used again). Timers stop while a
 * laptop sleeps, so the token is also renewed when the tab becomes visible with the timer overdue,
 * and when a call is answered 401 (the client then sends it again, see api/client.ts).
 */
export class SessionStore {
  private access: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer should fire (ms since the epoch): a sleeping laptop's timers fire late. */
  private refreshAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage = window.sessionStorage) {
    useAccessToken(
      () => this.access,
      () => this.refresh(),
    );
    // Back from sleep or another tab: renew at once if the timer is overdue, before the page's calls.
    document.addEventListener('visibilitychange', this.visible);
  }

  /** Stops listening and the timer (a test's store; the app keeps one for the page's life). */
  dispose(): void {
    document.removeEventListener('visibilitychange', this.visible);
    clearTimeout(this.timer);
  }

  private readonly visible = () => {
    if (document.visibilityState === 'visible' && this.access && Date.now() >= this.refreshAt) void this.refresh();
  };

  get accessToken(): string | null {
    return this.access;
  }

  hasRefreshToken(): boolean {
    return this.storage.getItem(REFRESH_KEY) !== null;
  }

  /** Called when the login ends by itself (a refresh refused): the app shows the login page. */
  onEnded(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Logs in. The API answers a login with an HttpOnly device cookie for the account (for the login's
   * path only) and counts a later login that brings it back against this browser alone, so an attack
   * on the account does not lock its owner out. The browser keeps and sends it by itself: the API is
   * on the page's own origin (the gateway serves the app; in development Vite proxies `/api`), so
   * same-origin credentials — fetch's default, said here so that it stays so.
   */
  async login(email: string, password: string): Promise<void> {
    this.accept(await ok(api.POST('/api/v1/auth/login', { body: { email, password }, credentials: 'same-origin' })));
  }

  /** A new pair from the stored refresh token; false (and logged out) when there is none or it is refused. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Changes the password: the API ends every login of the person and answers this device a new pair, which it keeps. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    this.accept(await ok(api.PUT('/api/v1/me/password', { body: { currentPassword, newPassword } })));
  }

  /** Ends every login of the person, on every device, this one too; how many the API ended. */
  async logoutEverywhere(): Promise<number> {
    const { ended } = await ok(api.DELETE('/api/v1/me/sessions'));
    this.clear();
    return ended;
  }

  async logout(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    this.clear();
    if (refreshToken) await ok(api.POST('/api/v1/auth/logout', { body: { refreshToken } })).catch(() => undefined);
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      this.accept(await ok(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })));
      return true;
    } catch {
      this.clear();
      this.listeners.forEach((listener) => listener());
      return false;
    }
  }

  private accept(pair: TokenPair): void {
    this.access = pair.accessToken;
    this.storage.setItem(REFRESH_KEY, pair.refreshToken);
    clearTimeout(this.timer);
    const lead = Math.min(REFRESH_MARGIN_SECONDS, pair.expiresIn * 0.2);
    const delay = Math.max(1, pair.expiresIn - lead) * 1000;
    this.refreshAt = Date.now() + delay;
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.access = null;
    this.storage.removeItem(REFRESH_KEY);
  }
}
