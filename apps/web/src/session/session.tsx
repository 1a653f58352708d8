import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, type PersonLanguage } from '../i18n/i18n';
import { SessionStore } from './session-store';

type Me = Schemas['MeView'];

interface SessionValue {
  status: 'loading' | 'anonymous' | 'authenticated';
  me: Me | null;
  /** A refresh could not reach the API: the login is kept and tried again; the app says so. */
  connectionLost: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Ends every login of the person (every device, this one too). */
  logoutEverywhere(): Promise<void>;
  /** Changes the password; this device stays logged in (every other login ends). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Reads who is logged in again (after signing the charter, an invitation, …). */
  reload(): Promise<void>;
  /** Shows the app in another language at once and, for a person logged in, keeps it as theirs (the API's). */
  changeLanguage(next: PersonLanguage): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children, store: given }: { children: ReactNode; store?: SessionStore }) {
  const [store] = useState(() => given ?? new SessionStore());
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionValue['status']>(store.hasRefreshToken() ? 'loading' : 'anonymous');
  const [connectionLost, setConnectionLost] = useState(store.connectionLost);
  const { setLanguage } = useLanguage();

  const reload = useCallback(async () => {
    const current = await ok(api.GET('/api/v1/me'));
    setMe(current);
    setStatus('authenticated');
    setLanguage(current.person.language); // the person's own, wherever they log in
  }, [setLanguage]);

  useEffect(() => {
    const ended = store.onEnded(() => {
      setMe(null);
      setStatus('anonymous');
    });
    // Back in touch after a refresh the API did not answer: read who is logged in, if that is still unknown (a reload while offline).
    const connection = store.onConnection((lost) => {
      setConnectionLost(lost);
      if (!lost && store.accessToken) reload().catch(() => undefined);
    });
    if (store.hasRefreshToken() && !store.accessToken) {
      // Not reached (the token is kept): stay 'loading' until a later refresh is answered.
      const unreachable = () => (store.hasRefreshToken() ? undefined : setStatus('anonymous'));
      store
        .refresh()
        .then((refreshed) => (refreshed ? reload().catch(() => setStatus('anonymous')) : unreachable()))
        .catch(unreachable);
    }
    return () => {
      ended();
      connection();
    };
  }, [store, reload]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      me,
      connectionLost,
      reload,
      async login(email, password) {
        await store.login(email, password);
        await reload();
      },
      async changeLanguage(next) {
        setLanguage(next);
        if (status !== 'authenticated') return;
        // Kept in this browser even when the API cannot take it now; the next login reads the person's again.
        setMe(await ok(api.PUT('/api/v1/me/language', { body: { language: next } })));
      },
      async logout() {
        await store.logout();
        setMe(null);
        setStatus('anonymous');
      },
      async logoutEverywhere() {
        await store.logoutEverywhere();
        setMe(null);
        setStatus('anonymous');
      },
      async changePassword(currentPassword, newPassword) {
        await store.changePassword(currentPassword, newPassword);
      },
    }),
    [status, me, connectionLost, reload, store, setLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
