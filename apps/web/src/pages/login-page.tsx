import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { ProblemAlert, TextField, useAction } from '../components/form';
import { Page } from '../components/page';
import { Link, navigate } from '../router';
import { useSession } from '../session/session';

/** The problem of a login refused for the account's failures made elsewhere: an e-mailed link lets this browser in (docs/security.md). */
const ACCOUNT_LOCKED = 'login-account-locked';

/**
 * Logs in; then goes on to `next` (the page that asked for a login) or the person's ideas. A login
 * refused because the account is locked by failures made elsewhere offers a link by e-mail that lets
 * this browser log in (the API gives it the account's device cookie).
 */
export function LoginPage({ next = '/ideas', reason }: { next?: string; reason?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { run, pending, problem } = useAction();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Back from a used unlock link (`/login?unlocked`): this browser may log in now.
  const notice = reason ?? (new URLSearchParams(window.location.search).has('unlocked') ? t('unlock.done') : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await run(async () => {
      await session.login(email.trim(), password);
      return true;
    });
    if (done && window.location.pathname === '/login') navigate(next, { replace: true });
  };
  return (
    <Page title={t('login.title')}>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <form onSubmit={submit}>
        <ProblemAlert problem={problem} />
        {problem?.code === ACCOUNT_LOCKED ? <UnlockOffer email={email.trim()} /> : null}
        <TextField label={t('login.email')} type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('login.password')} type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={pending}>
          {pending ? t('app.sending') : t('login.submit')}
        </button>
      </form>
      <ul className="links">
        <li>
          <Link href="/password-reset">{t('login.forgot')}</Link>
        </li>
        <li>
          <Link href="/register">{t('home.join')}</Link>
        </li>
      </ul>
    </Page>
  );
}

/** Asks for the unlock link for the address typed; the answer is the same whether or not it has an account. */
function UnlockOffer({ email }: { email: string }) {
  const { t } = useTranslation();
  const { run, pending, problem } = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const ask = async () => {
    if (await run(() => ok(api.POST('/api/v1/auth/login-unlocks', { body: { email } })))) setSentTo(email);
  };
  if (sentTo) return <p className="notice" role="status">{t('unlock.sent', { email: sentTo })}</p>;
  return (
    <div className="field">
      <p>{t('unlock.offer')}</p>
      <ProblemAlert problem={problem} />
      <button type="button" onClick={ask} disabled={pending || !email}>
        {pending ? t('app.sending') : t('unlock.ask')}
      </button>
    </div>
  );
}
