import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, ProblemAlert, SelectField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_TIME } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';

type DeadLetter = Schemas['DeadLetterView'];
type Service = 'partners' | 'ideas' | 'coaching' | 'reporting' | 'notifications';
const SERVICES: Service[] = ['partners', 'ideas', 'coaching', 'reporting', 'notifications'];

function useHubAdmin(): boolean {
  const { me } = useSession();
  return me?.person.hubRoles.includes('hub_admin') ?? false;
}

/** Events a service could not handle (after its retries), per service, newest first; each can be run through its handler again, once. */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const admin = useHubAdmin();
  const [service, setService] = useState<Service>('notifications');
  const [items, setItems] = useState<DeadLetter[] | null>(null);
  const [replaying, setReplaying] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, problem } = useAction();
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/admin/dead-letters', { params: { query: { service, limit: 50 } } }))).then((page) => page && setItems(page.items)), [run, service]);
  useEffect(() => {
    if (!admin) return;
    setItems(null);
    void load();
  }, [admin, load]);
  if (!admin) {
    return (
      <Page title={t('deadLetters.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const replay = async (letter: DeadLetter) => {
    setMessage(null);
    setReplaying(letter.id);
    const done = await run(() => ok(api.POST('/api/v1/admin/dead-letters/{service}/{id}/replay', { params: { path: { service, id: letter.id } } })));
    setReplaying(null);
    if (done !== undefined) {
      setMessage(t('deadLetters.replayed', { id: letter.id }));
      await load();
    }
  };
  return (
    <Page title={t('deadLetters.title')} wide>
      <p>{t('deadLetters.intro')}</p>
      <SelectField label={t('deadLetters.service')} value={service} onChange={(e) => setService(e.target.value as Service)} options={SERVICES.map((s) => ({ value: s, label: s }))} />
      <Outcome message={message} problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('deadLetters.empty')}</p> : null}
      <ul className="cards">
        {items?.map((d) => (
          <li key={d.id}>
            <h2>
              {d.eventType ?? d.subject} <span className="muted">#{d.id}</span>
            </h2>
            <p>{t('deadLetters.reason', { reason: d.reason, count: d.deliveries })}</p>
            <p className="muted">
              {d.consumer} · {t('deadLetters.at', { at: new Date(d.createdAt), ...DATE_TIME })}
            </p>
            <details>
              <summary>{t('deadLetters.payload')}</summary>
              <pre className="payload">{d.payload}</pre>
            </details>
            {d.replayedAt ? (
              <p>{t('deadLetters.replayedAt', { at: new Date(d.replayedAt), ...DATE_TIME })}</p>
            ) : (
              <p className="actions">
                <button type="button" disabled={replaying !== null} onClick={() => replay(d)}>
                  {replaying === d.id ? t('deadLetters.replaying') : t('deadLetters.replay', { id: d.id })}
                </button>
                {replaying === d.id ? <progress aria-label={t('deadLetters.replaying')} /> : null}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** Who read or changed which participant's data, and when (names of fields changed, never their values). */
export function AuditLogPage() {
  const { t } = useTranslation();
  const admin = useHubAdmin();
  const [items, setItems] = useState<Schemas['AuditEntryView'][] | null>(null);
  const { run, problem } = useAction();
  useEffect(() => {
    if (admin) void run(() => ok(api.GET('/api/v1/audit-log', { params: { query: { limit: 100 } } }))).then((page) => page && setItems(page.items));
  }, [admin, run]);
  if (!admin) {
    return (
      <Page title={t('audit.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('audit.title')} wide>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {items?.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table>
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.participant')}</th>
                <th scope="col">{t('audit.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{t('audit.at', { at: new Date(e.at), ...DATE_TIME })}</th>
                  <td>{t(`audit.action.${e.action}`)}</td>
                  <td>
                    <code>{e.personId.slice(0, 8)}</code>
                  </td>
                  <td>{e.participantId ? <Link href={`/participants/${e.participantId}`}>{e.participantId.slice(0, 8)}</Link> : t('audit.exportOf', { period: e.period })}</td>
                  <td>{e.fields.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
