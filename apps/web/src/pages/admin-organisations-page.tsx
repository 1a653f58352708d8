import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ProblemAlert, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_ONLY } from '../i18n/i18n';
import { useSession } from '../session/session';
import { AdminLinks } from './admin-pages';

type Organisation = Schemas['OrganisationView'];

/** For hub admins: the organisations waiting for approval, oldest first, each approved with one button. */
export function AdminOrganisationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [pending, setPending] = useState<Organisation[] | null>(null);
  const [approved, setApproved] = useState<string | null>(null);
  const { run, pending: busy, problem } = useAction();
  const load = useCallback(
    () => run(() => ok(api.GET('/api/v1/organisations', { params: { query: { status: 'pending', limit: 100 } } }))).then((page) => page && setPending(page.items)),
    [run],
  );
  useEffect(() => void load(), [load]);

  if (!me?.person.hubRoles.includes('hub_admin')) {
    return (
      <Page title={t('admin.organisations')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const approve = async (organisation: Organisation) => {
    const done = await run(() => ok(api.POST('/api/v1/organisations/{id}/approval', { params: { path: { id: organisation.id } } })));
    if (done) {
      // Off the list at once, so the person sees it gone with the message; the reload brings newcomers.
      setPending((list) => list?.filter((o) => o.id !== organisation.id) ?? null);
      setApproved(done.name);
      await load();
    }
  };
  return (
    <Page title={t('admin.organisations')}>
      <AdminLinks />
      <ProblemAlert problem={problem} />
      {approved ? <p role="status">{t('admin.approved', { organisation: approved })}</p> : null}
      {pending === null && !problem ? <Loading /> : null}
      {pending?.length === 0 ? <p>{t('admin.nonePending')}</p> : null}
      {pending?.length ? (
        <ul className="cards">
          {pending.map((o) => (
            <li key={o.id}>
              <h2>{o.name}</h2>
              <p>
                {t(`organisationType.${o.type}`)} · {o.workDomains.map((d) => t(`workDomain.${d}`)).join(', ') || '—'} · {t('admin.registered', { at: new Date(o.createdAt), ...DATE_ONLY })}
              </p>
              <button type="button" disabled={busy} onClick={() => approve(o)}>
                {t('admin.approve', { organisation: o.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
