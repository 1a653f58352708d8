import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ProblemAlert, useAction } from '../components/form';
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

/** The inbox: newest first, in the reader's language (the API renders them so); unread ones can be marked read one by one or all at once. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Notification[] | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/notifications', { params: { query: { limit: 50 } } }))).then((page) => page && setItems(page.items)), [run]);
  useEffect(() => void load(), [load]);

  const changed = async (action: () => Promise<unknown>) => {
    if ((await run(action)) !== undefined) {
      window.dispatchEvent(new Event(READ_EVENT));
      await load();
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
          <button type="button" className="secondary" disabled={pending} onClick={() => changed(() => ok(api.POST('/api/v1/notifications/read-all')))}>
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
                <button type="button" className="link" disabled={pending} onClick={() => changed(() => ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })))}>
                  {t('notifications.markRead', { title: n.title })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
