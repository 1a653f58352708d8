import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { useCursorList } from '../components/cursor-list';
import { Outcome, ProblemAlert, SelectField, TextField, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
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

const cursorOf = (cursor?: string) => (cursor ? { cursor } : {});

/**
 * Events a service could not handle (after its retries), per service, newest first, 50 at a time with
 * "more"; each can be run through its handler again, once.
 */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const admin = useHubAdmin();
  const [service, setService] = useState<Service>('notifications');
  const [replaying, setReplaying] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, problem: replayProblem } = useAction();
  const read = useCallback((cursor?: string) => ok(api.GET('/api/v1/admin/dead-letters', { params: { query: { service, limit: 50, ...cursorOf(cursor) } } })), [service]);
  const list = useCursorList(read);
  const { items, load, update } = list;
  const problem = replayProblem ?? list.problem;
  useEffect(() => {
    if (admin) void load();
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
      update((d) => (d.id === done.id ? done : d)); // where it stands: the pages shown stay
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
      <MoreButton list={list} label={t('deadLetters.more')} />
    </Page>
  );
}

/**
 * Who read or changed which participant's data, and when (names of fields changed, never their
 * values): newest first, 100 at a time with "more"; or one participant's entries (by their id).
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const admin = useHubAdmin();
  const [participant, setParticipant] = useState('');
  /** The participant whose entries are shown (none: everyone's). */
  const [filtered, setFiltered] = useState<string | undefined>();
  const read = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/audit-log', { params: { query: { limit: 100, ...(filtered ? { participantId: filtered } : {}), ...cursorOf(cursor) } } })),
    [filtered],
  );
  const list = useCursorList(read);
  const { items, problem, load } = list;
  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);
  const filter = (event: FormEvent) => {
    event.preventDefault();
    setFiltered(participant.trim() || undefined);
  };
  if (!admin) {
    return (
      <Page title={t('audit.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('audit.title')} wide>
      <form onSubmit={filter} role="search" className="period">
        <TextField
          label={t('audit.filterParticipant')}
          hint={t('audit.filterHint')}
          autoComplete="off"
          value={participant}
          error={problem?.errors.some((e) => e.field === 'participantId') ? t('audit.filterRule') : undefined}
          onChange={(e) => setParticipant(e.target.value)}
        />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
      </form>
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
      <MoreButton list={list} label={t('audit.more')} />
    </Page>
  );
}
