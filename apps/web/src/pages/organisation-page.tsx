import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, ProblemAlert, SelectField, TextField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { HUB } from '../hub';
import { currentLanguage, DATE_ONLY } from '../i18n/i18n';
import { useSession } from '../session/session';
import { OrganisationProfile } from './organisation-profile';

type Organisation = Schemas['OrganisationView'];
type Charter = Schemas['CharterView'];
type Invitation = Schemas['InvitationView'];

/** A partner member's organisation: its profile, its charter signature, its members and (for its org admins) invitations. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const membership = me?.person.memberships[0];
  const [organisation, setOrganisation] = useState<Organisation | null>(null);
  const { run, problem } = useAction();

  const load = useCallback(async () => {
    if (!membership) return;
    const found = await run(() => ok(api.GET('/api/v1/organisations/{id}', { params: { path: { id: membership.organisationId } } })));
    if (found) setOrganisation(found);
  }, [membership, run]);
  useEffect(() => void load(), [load]);

  if (!membership) {
    return (
      <Page title={t('organisation.title')}>
        <p>{t('organisation.none')}</p>
      </Page>
    );
  }
  const isAdmin = membership.role === 'org_admin';
  return (
    <Page title={organisation?.name ?? membership.organisationName}>
      <ProblemAlert problem={problem} />
      {!organisation ? (
        <Loading />
      ) : (
        <>
          {organisation.status === 'pending' ? <p className="notice">{t('organisation.pending')}</p> : null}
          <dl className="facts">
            <dt>{t('organisation.type')}</dt>
            <dd>{t(`organisationType.${organisation.type}`)}</dd>
            <dt>{t('organisation.status')}</dt>
            <dd>{t(`organisationStatus.${organisation.status}`)}</dd>
            <dt>{t('register.enterpriseNumber')}</dt>
            <dd>{organisation.enterpriseNumber ?? '—'}</dd>
            <dt>{t('organisation.domains')}</dt>
            <dd>{organisation.workDomains.map((d) => t(`workDomain.${d}`)).join(', ') || '—'}</dd>
          </dl>
          {isAdmin && organisation.status !== 'rejected' ? <OrganisationProfile organisation={organisation} onChanged={setOrganisation} /> : null}
          <CharterSection organisation={organisation} canSign={isAdmin} onSigned={load} />
          <section aria-labelledby="org-members">
            <h2 id="org-members">{t('organisation.members')}</h2>
            {organisation.members?.length ? (
              <ul className="list">
                {organisation.members.map((m) => (
                  <li key={m.personId}>
                    {m.name} <span className="muted">({t(`memberRole.${m.role}`)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('organisation.noMembers')}</p>
            )}
          </section>
          {isAdmin ? <Invitations organisationId={organisation.id} /> : null}
        </>
      )}
    </Page>
  );
}

function CharterSection({ organisation, canSign, onSigned }: { organisation: Organisation; canSign: boolean; onSigned: () => void }) {
  const { t, i18n } = useTranslation();
  const [charter, setCharter] = useState<Charter | null>(null);
  const { run, pending, problem } = useAction();
  useEffect(() => {
    ok(api.GET('/api/v1/charters/current', { params: { query: { hub: HUB } } })).then(setCharter, () => setCharter(null));
  }, []);
  const signed = organisation.charter;
  const current = charter !== null && signed?.version === charter.version;
  const sign = async () => {
    if (!charter) return;
    const done = await run(() => ok(api.POST('/api/v1/organisations/{id}/charter-signatures', { params: { path: { id: organisation.id } }, body: { version: charter.version } })));
    if (done) onSigned();
  };
  return (
    <section aria-labelledby="org-charter">
      <h2 id="org-charter">{t('charter.title')}</h2>
      <ProblemAlert problem={problem} />
      {signed ? <p role="status">{t('charter.signed', { version: signed.version, at: new Date(signed.signedAt), ...DATE_ONLY })}</p> : <p>{t('charter.notSigned')}</p>}
      {charter && !current ? (
        <>
          <details>
            <summary>{t('charter.read', { version: charter.version })}</summary>
            <div className="charter-text">{charter.text[currentLanguage(i18n.language)]}</div>
          </details>
          {canSign && organisation.status === 'active' ? (
            <button type="button" onClick={sign} disabled={pending}>
              {t('charter.sign', { version: charter.version, organisation: organisation.name })}
            </button>
          ) : (
            <p className="muted">{organisation.status === 'active' ? t('charter.adminSigns') : t('charter.afterApproval')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

/** The org admin's open invitations (each can be revoked: its link stops working) and a form to invite a colleague. */
export function Invitations({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Invitation['role']>('member');
  const [sent, setSent] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const revoking = useAction();
  const load = useCallback(async () => {
    const page = await ok(api.GET('/api/v1/organisations/{id}/invitations', { params: { path: { id: organisationId }, query: { status: 'pending' } } })).catch(() => null);
    if (page) setInvitations(page.items);
  }, [organisationId]);
  useEffect(() => void load(), [load]);

  const revoke = async (invitation: Invitation) => {
    setRevoked(null);
    setSent(null);
    const done = await revoking.run(() => ok(api.DELETE('/api/v1/organisations/{id}/invitations/{invitationId}', { params: { path: { id: organisationId, invitationId: invitation.id } } })));
    await load(); // the list as it is now first, then the message (both for a screen reader)
    if (done !== undefined) setRevoked(invitation.email);
  };
  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setRevoked(null);
    const created = await run(() => ok(api.POST('/api/v1/organisations/{id}/invitations', { params: { path: { id: organisationId } }, body: { email: email.trim(), role } })));
    if (created) {
      setSent(created.email);
      setEmail('');
      await load();
    }
  };
  return (
    <section aria-labelledby="org-invitations">
      <h2 id="org-invitations">{t('invitations.title')}</h2>
      <Outcome message={revoked ? t('invitations.revoked', { email: revoked }) : null} problem={revoking.problem} />
      {invitations.length ? (
        <ul className="list" aria-label={t('invitations.open')}>
          {invitations.map((i) => (
            <li key={i.id}>
              {i.email} <span className="muted">({t(`memberRole.${i.role}`)}, {t('invitations.until', { at: new Date(i.expiresAt), ...DATE_ONLY })})</span>{' '}
              <button type="button" className="link" disabled={revoking.pending} onClick={() => revoke(i)}>
                {t('invitations.revoke')} <span className="visually-hidden">{i.email}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('invitations.none')}</p>
      )}
      <form onSubmit={invite}>
        <ProblemAlert problem={problem} />
        {sent ? <p role="status">{t('invitations.sent', { email: sent })}</p> : null}
        <TextField label={t('invitations.email')} type="email" required value={email} error={fieldError('email')} onChange={(e) => setEmail(e.target.value)} />
        <SelectField label={t('invitations.role')} value={role} options={(['member', 'org_admin'] as const).map((r) => ({ value: r, label: t(`memberRole.${r}`) }))} onChange={(e) => setRole(e.target.value as Invitation['role'])} />
        <button type="submit" disabled={pending}>
          {t('invitations.submit')}
        </button>
      </form>
    </section>
  );
}
