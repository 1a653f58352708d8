import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, ProblemAlert, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Loading, Page } from '../components/page';
import { ApiProblem, networkProblem } from '../api/problem';
import { DATE_TIME } from '../i18n/i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session/session';
import { PASSWORD_MIN } from './register-page';

/** A person's own account: a way to their notification preferences, their password, their calendar feed, and ending every login. */
export function AccountPage() {
  const { t } = useTranslation();
  const { changePassword } = useSession();
  return (
    <Page title={t('account.title')}>
      <p>
        <Link href="/preferences">{t('preferences.link')}</Link>
      </p>
      <PasswordForm change={changePassword} />
      <CalendarFeed />
      <LogoutEverywhere />
    </Page>
  );
}

/** The current password and a new one twice; the API ends every other login, this device stays. */
export function PasswordForm({ change }: { change: (current: string, next: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found: Record<string, string> = {};
    if (!current) found.current = t('account.rules.current');
    if (password.length < PASSWORD_MIN) found.password = t('register.rules.password', { count: PASSWORD_MIN });
    else if (password !== repeat) found.repeat = t('reset.differs');
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const done = await run(async () => {
      await change(current, password);
      return true;
    });
    if (done) {
      setCurrent('');
      setPassword('');
      setRepeat('');
      setMessage(t('account.passwordChanged'));
    } else refused();
  };
  return (
    <section aria-labelledby="account-password">
      <h2 id="account-password">{t('account.password')}</h2>
      <form ref={form} onSubmit={submit} noValidate aria-labelledby="account-password">
        <ProblemAlert problem={problem} />
        <TextField label={t('account.current')} type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.current ?? fieldError('currentPassword')} />
        <TextField label={t('reset.password')} type="password" required autoComplete="new-password" hint={t('register.passwordHint', { count: PASSWORD_MIN })} value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password ?? fieldError('newPassword')} />
        <TextField label={t('reset.repeat')} type="password" required autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} error={errors.repeat} />
        <p className="actions">
          <button type="submit" disabled={pending}>
            {t('account.changePassword')}
          </button>
        </p>
        <Outcome message={message} />
      </form>
    </section>
  );
}

/**
 * The secret address of the person's calendar of coaching sessions: the current one shown as it is
 * (GET, nothing renewed), copied; made when there is none, renewed (the old one stops) after a
 * second press.
 */
export function CalendarFeed() {
  const { t } = useTranslation();
  /** undefined while asked, null when the person has none. */
  const [feed, setFeed] = useState<Schemas['CalendarFeedView'] | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const { run, pending, problem, setProblem } = useAction();
  const url = feed ? new URL(feed.path, window.location.origin).toString() : '';
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/me/calendar-feed')).then(
      (found) => live && setFeed(found),
      (error: unknown) => {
        if (!live) return;
        setFeed(null);
        if (!(error instanceof ApiProblem && error.status === 404)) setProblem(error instanceof ApiProblem ? error : networkProblem());
      },
    );
    return () => {
      live = false;
    };
  }, [setProblem]);
  const renew = async () => {
    setMessage(null);
    const made = await run(() => ok(api.POST('/api/v1/me/calendar-feed')));
    if (made) {
      setFeed(made);
      setAsked(false);
      setMessage(t(feed ? 'account.renewed' : 'account.made'));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t('account.copied'));
    } catch {
      setMessage(t('account.copyByHand'));
    }
  };
  return (
    <section aria-labelledby="account-calendar">
      <h2 id="account-calendar">{t('account.calendar')}</h2>
      <p>{t('account.calendarIntro')}</p>
      <ProblemAlert problem={problem} />
      {feed === undefined && !problem ? <Loading /> : null}
      {feed ? (
        <>
          <TextField label={t('account.calendarUrl')} hint={t('account.calendarSecret', { at: new Date(feed.createdAt), ...DATE_TIME })} readOnly value={url} onFocus={(e) => e.target.select()} />
          <p className="actions">
            <button type="button" onClick={copy}>
              {t('account.copy')}
            </button>
          </p>
        </>
      ) : null}
      <Outcome message={message} />
      {feed === null ? (
        <p className="actions">
          <button type="button" disabled={pending} onClick={renew}>
            {t('account.makeFeed')}
          </button>
        </p>
      ) : null}
      {feed ? (
        <>
          <p className="hint">{t('account.renewHint')}</p>
          <p className="actions">
            <button type="button" className="secondary" aria-expanded={asked} onClick={() => setAsked(!asked)}>
              {t('account.renew')}
            </button>
            {asked ? (
              <button type="button" disabled={pending} onClick={renew}>
                {t('account.renewConfirm')}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}

/** Ends every login of the person, this one too, after a second press. */
function LogoutEverywhere() {
  const { t } = useTranslation();
  const { logoutEverywhere } = useSession();
  const [asked, setAsked] = useState(false);
  const { run, pending, problem } = useAction();
  const end = async () => {
    if ((await run(async () => (await logoutEverywhere(), true))) === true) navigate('/login');
  };
  return (
    <section aria-labelledby="account-everywhere">
      <h2 id="account-everywhere">{t('account.everywhere')}</h2>
      <p>{t('account.everywhereIntro')}</p>
      <ProblemAlert problem={problem} />
      <p className="actions">
        <button type="button" className="secondary" aria-expanded={asked} onClick={() => setAsked(!asked)}>
          {t('account.everywhere')}
        </button>
        {asked ? (
          <button type="button" disabled={pending} onClick={end}>
            {t('account.everywhereConfirm')}
          </button>
        ) : null}
      </p>
    </section>
  );
}
