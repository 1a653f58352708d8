import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { useCursorList } from '../components/cursor-list';
import { ProblemAlert, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
import { Loading, Page } from '../components/page';
import { DATE_TIME } from '../i18n/i18n';
import { Link, usePath } from '../router';

type Notification = Schemas['NotificationView'];

/** A change to the unread count (a notification read here): the bell reads it again. */
const READ_EVENT = 'cirkel:notifications-read';

/** The bell in the header: the unread count (its name reads "Meldingen 3 ongelezen"), read again every minute, on every page change and when something is read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const path = usePath();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    const load = () => ok(api.GET('/api/v1/notifications/unread-count')).then((answer) => setUnread(answer.unread), () => setUnread(null));
    load();
    const timer = setInterval(load, 60_000);
    window.addEventListener(READ_EVENT, load);
    return () => {
      clearInterval(timer);
      window.removeEventListener(READ_EVENT, load);
    };
  }, [path]);
  return (
    <Link href="/notifications">
      {t('notifications.title')}
      {unread ? (
        <>
          {' '}
          <span className="badge">{unread}</span> <span className="visually-hidden">{t('notifications.unread', { count: unread })}</span>
        </>
      ) : null}
    </Link>
  );
}

const readInbox = (cursor?: string) => ok(api.GET('/api/v1/notifications', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));

/**
 * The inbox: newest first, 50 at a time with "more", in the reader's language (the API renders them
 * so); unread ones can be marked read one by one or all at once.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useCursorList(readInbox);
  const { items, load, update } = list;
  const { run, pending, problem: actionProblem } = useAction();
  const problem = actionProblem ?? list.problem;
  useEffect(() => void load(), [load]);

  /** Marks read here, where each stands: reading the first page again would lose those shown with "more". */
  const changed = async (action: () => Promise<unknown>, read: (n: Notification) => boolean) => {
    if ((await run(action)) !== undefined) {
      window.dispatchEvent(new Event(READ_EVENT));
      const at = new Date().toISOString();
      update((n) => (read(n) && !n.readAt ? { ...n, readAt: at } : n));
    }
  };
  const unread = items?.filter((n) => !n.readAt).length ?? 0;
  return (
    <Page title={t('notifications.title')}>
      <p>
        <Link href="/preferences">{t('preferences.link')}</Link>
      </p>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      {unread > 0 ? (
        <p className="actions">
          <button type="button" className="secondary" disabled={pending} onClick={() => changed(() => ok(api.POST('/api/v1/notifications/read-all')), () => true)}>
            {t('notifications.readAll')}
          </button>
        </p>
      ) : null}
      {items?.length ? (
        <ul className="cards">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
              <h2>
                {n.link?.startsWith('/') ? <Link href={n.link}>{n.title}</Link> : n.title}
                {n.readAt ? null : <span className="badge">{t('notifications.new')}</span>}
              </h2>
              <p>{n.body}</p>
              <p className="muted">{t('notifications.at', { at: new Date(n.createdAt), ...DATE_TIME })}</p>
              {n.readAt ? null : (
                <button type="button" className="link" disabled={pending} onClick={() => changed(() => ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })), (other) => other.id === n.id)}>
                  {t('notifications.markRead', { title: n.title })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <MoreButton list={list} label={t('notifications.more')} />
    </Page>
  );
}
