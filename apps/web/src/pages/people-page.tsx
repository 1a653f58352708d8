import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { CheckboxGroup, Outcome, SelectField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_ONLY } from '../i18n/i18n';
import { useSession } from '../session/session';

type Person = Schemas['PersonView'];
type HubRole = Person['hubRoles'][number];
type OrgRole = Person['memberships'][number]['role'];
const HUB_ROLES: HubRole[] = ['mentor', 'job_coach', 'city_staff', 'hub_admin'];
const ORG_ROLES: OrgRole[] = ['org_admin', 'member'];
type Account = 'open' | 'closed' | '';

/**
 * For hub admins: the hub's people by name, filtered by role and by account (open or closed);
 * each one's hub roles set as a whole, and their account closed (deactivated) or opened again.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const admin = me?.person.hubRoles.includes('hub_admin') ?? false;
  const [role, setRole] = useState<HubRole | OrgRole | ''>('');
  const [account, setAccount] = useState<Account>('');
  const [people, setPeople] = useState<Person[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(
    (cursor?: string) =>
      run(() => ok(api.GET('/api/v1/people', { params: { query: { limit: 50, ...(role ? { role } : {}), ...(account ? { account } : {}), ...(cursor ? { cursor } : {}) } } }))).then(
        (page) => {
          if (!page) return;
          setPeople((shown) => (cursor ? [...(shown ?? []), ...page.items] : page.items));
          setNext(page.nextCursor);
        },
      ),
    [run, role, account],
  );
  useEffect(() => {
    if (!admin) return;
    setPeople(null);
    void load();
  }, [admin, load]);
  if (!admin) {
    return (
      <Page title={t('people.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const replace = (person: Person) => setPeople((list) => list?.map((p) => (p.id === person.id ? person : p)) ?? null);
  const act = async (call: () => Promise<Person>, done: (person: Person) => string) => {
    setMessage(null);
    const person = await run(call);
    if (person) {
      replace(person);
      setMessage(done(person));
    }
  };
  const filter = [
    { value: '', label: t('people.everyone') },
    ...HUB_ROLES.map((r) => ({ value: r, label: t(`people.hubRole.${r}`) })),
    ...ORG_ROLES.map((r) => ({ value: r, label: t(`people.orgRole.${r}`) })),
  ];
  const accounts = [
    { value: '', label: t('people.accounts.all') },
    { value: 'open', label: t('people.accounts.open') },
    { value: 'closed', label: t('people.accounts.closed') },
  ];
  return (
    <Page title={t('people.title')}>
      <p>{t('people.intro')}</p>
      <div className="filters">
        <SelectField label={t('people.filter')} value={role} onChange={(e) => setRole(e.target.value as HubRole | OrgRole | '')} options={filter} />
        <SelectField label={t('people.accountFilter')} value={account} onChange={(e) => setAccount(e.target.value as Account)} options={accounts} />
      </div>
      <Outcome message={message} problem={problem} />
      {people === null && !problem ? <Loading /> : null}
      {people?.length === 0 ? <p>{account === 'closed' && !role ? t('people.noneClosed') : t('people.empty')}</p> : null}
      <ul className="cards">
        {people?.map((person) => (
          <PersonCard
            key={person.id}
            person={person}
            busy={pending}
            onRoles={(roles) => act(() => ok(api.PUT('/api/v1/people/{id}/roles', { params: { path: { id: person.id } }, body: { roles } })), (p) => t('people.saved', { name: p.name }))}
            onDeactivate={() => act(() => ok(api.POST('/api/v1/people/{id}/deactivation', { params: { path: { id: person.id } } })), (p) => t('people.deactivated', { name: p.name }))}
            onReactivate={() => act(() => ok(api.DELETE('/api/v1/people/{id}/deactivation', { params: { path: { id: person.id } } })), (p) => t('people.reactivated', { name: p.name }))}
          />
        ))}
      </ul>
      {next ? (
        <p>
          <button type="button" className="secondary" disabled={pending} onClick={() => load(next)}>
            {t('people.more')}
          </button>
        </p>
      ) : null}
    </Page>
  );
}

/**
 * One person: their organisations, their hub roles as checkboxes saved together (the API takes the
 * full set), and their account behind a disclosure: closed since a day (with the button to open it
 * again) or open (with the button to close it).
 */
export function PersonCard({ person, busy, onRoles, onDeactivate, onReactivate }: {
  person: Person;
  busy: boolean;
  onRoles: (roles: HubRole[]) => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<HubRole[]>(person.hubRoles);
  useEffect(() => setRoles(person.hubRoles), [person.hubRoles]);
  const organisations = [...new Set(person.memberships.map((m) => m.organisationName))].join(', ');
  const closed = person.deactivatedAt !== null;
  return (
    <li className={closed ? 'closed' : undefined}>
      <h2>{person.name}</h2>
      {closed ? (
        <p>
          <strong className="badge closed">{t('people.closedBadge')}</strong> {t('people.closedSince', { at: new Date(person.deactivatedAt as string), ...DATE_ONLY })}
        </p>
      ) : null}
      <p className="muted">
        {person.email} · {organisations ? t('people.memberOf', { organisations }) : t('people.noOrganisation')}
      </p>
      <CheckboxGroup legend={t('people.roles', { name: person.name })} options={HUB_ROLES.map((r) => ({ value: r, label: t(`people.hubRole.${r}`) }))} value={roles} onChange={setRoles} />
      <p className="actions">
        <button type="button" disabled={busy} onClick={() => onRoles(HUB_ROLES.filter((r) => roles.includes(r)))}>
          {t('people.save', { name: person.name })}
        </button>
      </p>
      <details>
        <summary>{t('people.account', { name: person.name })}</summary>
        <p>{t(closed ? 'people.reactivateHint' : 'people.deactivateHint', { name: person.name })}</p>
        <p className="actions">
          {closed ? (
            <button type="button" disabled={busy} onClick={onReactivate}>
              {t('people.reactivate', { name: person.name })}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={onDeactivate}>
              {t('people.deactivate', { name: person.name })}
            </button>
          )}
        </p>
      </details>
    </li>
  );
}
