import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { useCursorList } from '../components/cursor-list';
import { Outcome, ProblemAlert, TextArea, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
import { Loading, Page } from '../components/page';
import { DATE_ONLY } from '../i18n/i18n';
import { useSession } from '../session/session';

type Organisation = Schemas['OrganisationView'];

/** The shortest reason the API takes for a rejection (it is mailed to the organisation). */
export const REASON_MIN = 3;

/** The most the API hands out at once; more after a press on "more". */
const PAGE = 100;
const cursorOf = (cursor?: string) => (cursor ? { cursor } : {});
/** Organisations waiting for approval, by name. */
const readPending = (cursor?: string) => ok(api.GET('/api/v1/organisations', { params: { query: { status: 'pending', limit: PAGE, ...cursorOf(cursor) } } }));
/** Active organisations whose org_admin proposed a new name or enterprise number, by name. */
const readChanges = (cursor?: string) => ok(api.GET('/api/v1/organisations', { params: { query: { status: 'active', changeProposed: 'true', limit: PAGE, ...cursorOf(cursor) } } }));

/**
 * For hub admins: the organisations waiting for approval, by name, each approved with one
 * button or rejected with a reason; and the active organisations whose org_admin proposed a new
 * name or enterprise number, each change approved or turned down. Both lists come a page (100) at a
 * time, with a "more" button while the API has more.
 */
export function AdminOrganisationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const admin = me?.person.hubRoles.includes('hub_admin') ?? false;
  const pending = useCursorList(readPending);
  const changes = useCursorList(readChanges);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending: busy, problem } = useAction();
  const { load: loadPending } = pending;
  const { load: loadChanges } = changes;
  useEffect(() => {
    if (!admin) return;
    void loadPending();
    void loadChanges();
  }, [admin, loadPending, loadChanges]);

  if (!admin) {
    return (
      <Page title={t('admin.organisations')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  /**
   * Runs one decision; the organisation leaves its list where it stands, and the pages read stay
   * (reading the first page again would lose those an admin asked for with "more").
   */
  const decide = async (organisation: Organisation, call: () => Promise<Organisation>, done: string) => {
    setMessage(null);
    if (await run(call)) {
      pending.drop((o) => o.id !== organisation.id);
      changes.drop((o) => o.id !== organisation.id);
      setMessage(done);
      return true;
    }
    return false;
  };
  const path = (organisation: Organisation) => ({ params: { path: { id: organisation.id } } });
  return (
    <Page title={t('admin.organisations')}>
      <Outcome message={message} problem={problem} />
      <ProblemAlert problem={pending.problem} />
      {pending.items === null && !pending.problem ? <Loading /> : null}
      {pending.items?.length === 0 ? <p>{t('admin.nonePending')}</p> : null}
      {pending.items?.length ? (
        <ul className="cards">
          {pending.items.map((o) => (
            <li key={o.id}>
              <h2>{o.name}</h2>
              <p>
                {t(`organisationType.${o.type}`)} · {o.workDomains.map((d) => t(`workDomain.${d}`)).join(', ') || '—'} · {t('admin.registered', { at: new Date(o.createdAt), ...DATE_ONLY })}
              </p>
              <p className="actions">
                <button type="button" disabled={busy} onClick={() => decide(o, () => ok(api.POST('/api/v1/organisations/{id}/approval', path(o))), t('admin.approved', { organisation: o.name }))}>
                  {t('admin.approve', { organisation: o.name })}
                </button>
              </p>
              <RejectForm
                organisation={o}
                busy={busy}
                onReject={(reason) => decide(o, () => ok(api.POST('/api/v1/organisations/{id}/rejection', { ...path(o), body: { reason } })), t('orgReview.rejected', { organisation: o.name }))}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <MoreButton list={pending} label={t('admin.morePending')} />
      <section aria-labelledby="proposed-changes">
        <h2 id="proposed-changes">{t('orgReview.changes')}</h2>
        <ProblemAlert problem={changes.problem} />
        {changes.items?.length === 0 ? <p>{t('orgReview.noChanges')}</p> : null}
        {changes.items?.length ? (
          <ul className="cards">
            {changes.items.map((o) => (
              <li key={o.id}>
                <h3>{o.name}</h3>
                <ProposedChange organisation={o} />
                <p className="actions">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => decide(o, () => ok(api.POST('/api/v1/organisations/{id}/proposed-change/approval', path(o))), t('orgReview.changeApproved', { organisation: o.proposedChange?.name ?? o.name }))}
                  >
                    {t('orgReview.approveChange', { organisation: o.name })}
                  </button>
                  <button type="button" className="secondary" disabled={busy} onClick={() => decide(o, () => ok(api.DELETE('/api/v1/organisations/{id}/proposed-change', path(o))), t('orgReview.changeRefused', { organisation: o.name }))}>
                    {t('orgReview.refuseChange', { organisation: o.name })}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        <MoreButton list={changes} label={t('orgReview.moreChanges')} />
      </section>
    </Page>
  );
}

/** What would change: the name and the enterprise number, now and proposed. */
function ProposedChange({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const change = organisation.proposedChange;
  if (!change) return null;
  return (
    <dl className="facts">
      <dt>{t('orgReview.name')}</dt>
      <dd>{change.name === organisation.name ? organisation.name : t('orgReview.from', { from: organisation.name, to: change.name })}</dd>
      <dt>{t('orgReview.enterpriseNumber')}</dt>
      <dd>
        {(change.enterpriseNumber ?? null) === (organisation.enterpriseNumber ?? null)
          ? (organisation.enterpriseNumber ?? '—')
          : t('orgReview.from', { from: organisation.enterpriseNumber ?? '—', to: change.enterpriseNumber ?? '—' })}
      </dd>
      <dt>{t('orgReview.proposedAt')}</dt>
      <dd>{t('orgReview.at', { at: new Date(change.proposedAt), ...DATE_ONLY })}</dd>
    </dl>
  );
}

/**
 * Rejecting a registration, behind a disclosure: the reason is mailed to the organisation, so it
 * is asked for (at least three characters) and kept when the API refuses.
 */
export function RejectForm({ organisation, busy, onReject }: { organisation: Organisation; busy: boolean; onReject: (reason: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < REASON_MIN) {
      setError(t('orgReview.reasonNeeded', { count: REASON_MIN }));
      return;
    }
    setError(undefined);
    if (await onReject(reason.trim())) setReason('');
  };
  return (
    <details>
      <summary>{t('orgReview.reject', { organisation: organisation.name })}</summary>
      <form onSubmit={submit} noValidate>
        <TextArea label={t('orgReview.reason', { organisation: organisation.name })} hint={t('orgReview.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={error} required maxLength={1000} rows={3} />
        <button type="submit" disabled={busy}>
          {t('orgReview.confirmReject', { organisation: organisation.name })}
        </button>
      </form>
    </details>
  );
}
