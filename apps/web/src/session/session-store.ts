import { api, ok, useAccessToken, type Schemas } from '../api/client';
import { ApiProblem, networkProblem } from '../api/problem';

type TokenPair = Schemas['TokenPairView'];

const REFRESH_KEY = 'cirkel.refresh';
/** Refresh this long before the access token expires (or at 80 % of a short lifetime). */
const REFRESH_MARGIN_SECONDS = 60;
/** After a refresh the API did not answer (no connection, 5xx, 429): try again after 5 s, doubling up to 2 minutes. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 120_000;

/**
 * Whether a failed refresh means the login is over: the API refused the token (401: unknown,
 * expired, revoked or reused; 400: not a token at all). Anything else — no answer, a 5xx, a 429 —
 * says nothing about the token, which is kept and tried again.
 */
function refused(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 401 || error.status === 400);
}

/**
 * The login: the access token only in memory (never in storage a script could read later), the
 * refresh token in this tab's sessionStorage so that a reload keeps the person logged in until the
 * tab closes; a new pair is fetched before the access token expires (one refresh at a time: the API
 * rotates refresh tokens and ends the login when an old one is used again). Timers stop while a
 * laptop sleeps, so the token is also renewed when the tab becomes visible with the timer overdue,
 * and when a call is answered 401 (the client then sends it again, see api/client.ts). Only a
 * refused refresh token ends the login; when the API cannot be reached the token is kept and the
 * refresh tried again (a timer with back-off, the tab becoming visible, the next call), and a call
 * that needed it fails as a network problem ("no connection"), not as a logout.
 */
export class SessionStore {
  private access: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer should fire (ms since the epoch): a sleeping laptop's timers fire late. */
  private refreshAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly connectionListeners = new Set<(lost: boolean) => void>();
  /** Refreshes in a row that the API did not answer (0: the last one was answered). */
  private failures = 0;

  constructor(private readonly storage: Storage = window.sessionStorage) {
    useAccessToken(
      () => this.access,
      () => this.renewForCall(),
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
    if (document.visibilityState === 'visible' && this.hasRefreshToken() && Date.now() >= this.refreshAt) void this.refresh();
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

  /** Called with true when a refresh could not reach the API, and with false once one is answered again. */
  onConnection(listener: (lost: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Whether the last refresh could not reach the API (the login is kept; it is being tried again). */
  get connectionLost(): boolean {
    return this.failures > 0;
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

  /**
   * A new pair from the stored refresh token; false when there is none, when it is refused (the login
   * ends), or when the API could not be reached (the token is kept, see `connectionLost`).
   */
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
    } catch (error) {
      if (refused(error)) {
        this.clear();
        this.listeners.forEach((listener) => listener());
      } else {
        this.retryLater();
      }
      return false;
    }
    if (this.failures > 0) {
      this.failures = 0;
      this.connectionListeners.forEach((listener) => listener(false));
    }
    return true;
  }

  /** For a call answered 401: renewed, or not (the login ended), or a network problem thrown when the API could not be reached. */
  private async renewForCall(): Promise<boolean> {
    if (await this.refresh()) return true;
    if (this.hasRefreshToken()) throw networkProblem();
    return false;
  }

  private retryLater(): void {
    this.failures += 1;
    if (this.failures === 1) this.connectionListeners.forEach((listener) => listener(true));
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.failures - 1));
    clearTimeout(this.timer);
    this.refreshAt = Date.now() + delay;
    this.timer = setTimeout(() => void this.refresh(), delay);
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
    if (this.failures > 0) this.connectionListeners.forEach((listener) => listener(false));
    this.failures = 0;
    this.access = null;
    this.storage.removeItem(REFRESH_KEY);
  }
}
