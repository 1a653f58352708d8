import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, ProblemAlert, SelectField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_TIME, TIME_ZONE } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';
import { ProgrammeRegistrations } from './programme-attendance';
import { ProgrammeForm } from './programme-form';

type Programme = Schemas['ProgrammeView'];

/** The hub's programmes (workshops over several afternoons), newest first, with the places left and one's own registration. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Programme[] | null>(null);
  const { run, problem } = useAction();
  const admin = useSession().me?.person.hubRoles.includes('hub_admin') ?? false;
  useEffect(() => void run(() => ok(api.GET('/api/v1/programmes'))).then((list) => list && setItems(list.items)), [run]);
  return (
    <Page title={t('programmes.title')}>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('programmes.empty')}{admin ? ` ${t('programmeForm.emptyAdmin')}` : ''}</p> : null}
      <ul className="cards">
        {items?.map((p) => (
          <li key={p.id}>
            <h2>
              <Link href={`/programmes/${p.id}`}>{p.title}</Link>
            </h2>
            <p className="muted">
              {t('programmes.places', { confirmed: p.confirmed, capacity: p.capacity })}
              {p.myRegistration ? ` · ${t(`programmes.mine.${p.myRegistration.status}`, { position: p.myRegistration.waitlistPosition })}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {admin ? <ProgrammeForm onCreated={(made) => setItems((list) => [made, ...(list ?? [])])} /> : null}
    </Page>
  );
}

/** One programme: its afternoons, places, one's registration (register or cancel); every registration for hub admins. */
export function ProgrammePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [programme, setProgramme] = useState<Programme | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/programmes/{id}', { params: { path: { id } } }))).then((found) => found && setProgramme(found)), [id, run]);
  useEffect(() => void load(), [load]);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(new Date(iso));

  const { me } = useSession();
  const register = async (body: { organisationId?: string }) => {
    const made = await run(() => ok(api.POST('/api/v1/programmes/{id}/registrations', { params: { path: { id } }, body })));
    if (made) {
      setMessage(t(`programmes.registered.${made.status}`, { position: made.waitlistPosition }));
      await load();
    }
  };
  const cancel = async (registrationId: string) => {
    if (await run(() => ok(api.DELETE('/api/v1/programmes/{id}/registrations/{registrationId}', { params: { path: { id, registrationId } } })))) {
      setMessage(t('programmes.cancelled'));
      await load();
    }
  };
  return (
    <Page title={programme?.title ?? t('programmes.title')}>
      <p>
        <Link href="/programmes">{t('programmes.back')}</Link>
      </p>
      <Outcome message={message} problem={problem} />
      {programme === null && !problem ? <Loading /> : null}
      {programme ? (
        <>
          <p>{t('programmes.placesLong', { confirmed: programme.confirmed, capacity: programme.capacity, count: programme.waitlisted })}</p>
          <h2>{t('programmes.sessions')}</h2>
          <ul className="list">
            {programme.sessions.map((s) => (
              <li key={s.id}>
                {t('programmes.session', { at: new Date(s.startsAt), ...DATE_TIME, end: time(s.endsAt), location: s.location })}
              </li>
            ))}
          </ul>
          {programme.myRegistration ? (
            <p className="actions">
              <span>{t(`programmes.mine.${programme.myRegistration.status}`, { position: programme.myRegistration.waitlistPosition })}</span>
              <button type="button" className="secondary" disabled={pending} onClick={() => programme.myRegistration && cancel(programme.myRegistration.id)}>
                {t('programmes.cancel')}
              </button>
            </p>
          ) : (
            <RegisterButton memberships={me?.person.memberships ?? []} full={programme.confirmed >= programme.capacity} pending={pending} onRegister={register} />
          )}
          {programme.registrations ? <ProgrammeRegistrations programme={programme} onSaved={setProgramme} /> : null}
        </>
      ) : null}
    </Page>
  );
}

/**
 * Registering oneself: a registration is for one of one's organisations, so a person of several
 * says which (the API refuses to guess: 422 organisation-ambiguous); a person of one sends none.
 * The programme is for the partners' people: a person of no organisation (a hub admin, city staff)
 * is offered nothing.
 */
export function RegisterButton({ memberships, full, pending, onRegister }: {
  memberships: Schemas['PersonView']['memberships'];
  full: boolean;
  pending: boolean;
  onRegister: (body: { organisationId?: string }) => void;
}) {
  const { t } = useTranslation();
  const organisations = [...new Map(memberships.map((m) => [m.organisationId, m.organisationName])).entries()].map(([value, label]) => ({ value, label }));
  const [chosen, setChosen] = useState('');
  const organisationId = chosen || organisations[0]?.value;
  if (organisations.length === 0) return null;
  return (
    <>
      {organisations.length > 1 ? <SelectField label={t('programmes.forOrganisation')} value={organisationId} onChange={(e) => setChosen(e.target.value)} options={organisations} /> : null}
      <p className="actions">
        <button type="button" disabled={pending} onClick={() => onRegister(organisations.length > 1 ? { organisationId } : {})}>
          {full ? t('programmes.registerWaitlist') : t('programmes.register')}
        </button>
      </p>
    </>
  );
}
