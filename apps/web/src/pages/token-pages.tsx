import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { ProblemAlert, TextField, useAction } from '../components/form';
import { Page } from '../components/page';
import { useLanguage } from '../i18n/i18n';
import { Link, navigate } from '../router';
import { PASSWORD_MIN } from './register-page';

/**
 * The pages the e-mailed links open (`<PUBLIC_URL>/<path>/<token>`): confirm a registration, set a
 * new password, accept an invitation, unlock this browser's logins. Each acts only on a button press,
 * so that a mail scanner opening the link does not use it up.
 */
export function ConfirmRegistrationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { run, pending, problem } = useAction();
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const confirm = async () => {
    const result = await run(() => ok(api.POST('/api/v1/registrations/confirmation', { body: { token } })));
    if (result) setConfirmed(result.organisation.name);
  };
  return (
    <Page title={t('confirm.title')}>
      <ProblemAlert problem={problem} />
      {confirmed ? (
        <>
          <p role="status">{t('confirm.done', { organisation: confirmed })}</p>
          <p>
            <Link className="button" href="/login">
              {t('nav.login')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('confirm.intro')}</p>
          <button type="button" onClick={confirm} disabled={pending}>
            {t('confirm.submit')}
          </button>
        </>
      )}
    </Page>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { run, pending, problem, fieldError } = useAction();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => ok(api.POST('/api/v1/password-resets', { body: { email: email.trim() } })))) setSent(true);
  };
  return (
    <Page title={t('forgot.title')}>
      {sent ? (
        <p role="status">{t('forgot.sent', { email })}</p>
      ) : (
        <form onSubmit={submit}>
          <p>{t('forgot.intro')}</p>
          <ProblemAlert problem={problem} />
          <TextField label={t('login.email')} type="email" required autoComplete="email" value={email} error={fieldError('email')} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" disabled={pending}>
            {t('forgot.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}

/**
 * The login unlock link: the API uses it up and gives this browser the account's device cookie (so
 * it must be opened in the browser that will log in), then the login form says one can log in now.
 */
export function UnlockLoginPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { run, pending, problem } = useAction();
  const unlock = async () => {
    if (await run(() => ok(api.POST('/api/v1/auth/login-unlocks/confirmation', { body: { token }, credentials: 'same-origin' })))) navigate('/login?unlocked', { replace: true });
  };
  return (
    <Page title={t('unlock.title')}>
      <ProblemAlert problem={problem} />
      <p>{t('unlock.intro')}</p>
      <button type="button" onClick={unlock} disabled={pending}>
        {pending ? t('app.sending') : t('unlock.submit')}
      </button>
      {problem ? (
        <p>
          <Link href="/login">{t('nav.login')}</Link>
        </p>
      ) : null}
    </Page>
  );
}

/** A new password twice; the two must match and be long enough before anything is sent. */
function usePasswordPair() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const tooShort = password.length < PASSWORD_MIN ? t('register.rules.password', { count: PASSWORD_MIN }) : undefined;
  const differs = repeat !== password ? t('reset.differs') : undefined;
  return {
    password,
    valid: () => (setChecked(true), !tooShort && !differs),
    fields: (serverError?: string) => (
      <>
        <TextField label={t('reset.password')} type="password" required autoComplete="new-password" hint={t('register.passwordHint', { count: PASSWORD_MIN })} value={password} error={(checked ? tooShort : undefined) ?? serverError} onChange={(e) => setPassword(e.target.value)} />
        <TextField label={t('reset.repeat')} type="password" required autoComplete="new-password" value={repeat} error={checked ? differs : undefined} onChange={(e) => setRepeat(e.target.value)} />
      </>
    ),
  };
}

export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { run, pending, problem, fieldError } = useAction();
  const pair = usePasswordPair();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pair.valid()) return;
    if (await run(() => ok(api.POST('/api/v1/password-resets/confirmation', { body: { token, password: pair.password } })))) setDone(true);
  };
  return (
    <Page title={t('reset.title')}>
      {done ? (
        <p role="status">
          {t('reset.done')} <Link href="/login">{t('nav.login')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ProblemAlert problem={problem} />
          {pair.fields(fieldError('password'))}
          <button type="submit" disabled={pending}>
            {t('reset.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}

export function AcceptInvitationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { run, pending, problem, fieldError } = useAction();
  const pair = usePasswordPair();
  const [name, setName] = useState('');
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pair.valid()) return;
    const body = { name: name.trim(), password: pair.password, language };
    if (await run(() => ok(api.POST('/api/v1/invitations/{token}/acceptance', { params: { path: { token } }, body })))) setDone(true);
  };
  return (
    <Page title={t('invitation.title')}>
      {done ? (
        <p role="status">
          {t('invitation.done')} <Link href="/login">{t('nav.login')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('invitation.intro')}</p>
          <ProblemAlert problem={problem} />
          <TextField label={t('register.name')} required autoComplete="name" value={name} error={fieldError('name')} onChange={(e) => setName(e.target.value)} />
          {pair.fields(fieldError('password'))}
          <button type="submit" disabled={pending}>
            {t('invitation.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}
