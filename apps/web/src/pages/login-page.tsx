import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, TextField, useAction } from '../components/form';
import { Page } from '../components/page';
import { Link, navigate } from '../router';
import { useSession } from '../session/session';

/** Logs in; then goes on to `next` (the page that asked for a login) or the person's ideas. */
export function LoginPage({ next = '/ideas', reason }: { next?: string; reason?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { run, pending, problem } = useAction();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

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
      {reason ? <p className="notice">{reason}</p> : null}
      <form onSubmit={submit}>
        <ProblemAlert problem={problem} />
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
