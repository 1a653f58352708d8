import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { useCursorList } from '../components/cursor-list';
import { CheckboxGroup, Outcome, ProblemAlert, TextField, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
import { Loading, Page } from '../components/page';
import { ParticipantForm } from '../participants/participant-form';
import { INDICATOR_KEYS } from '../participants/participant-rules';
import { PlacementEditForm, PlacementForm } from '../participants/placement-form';
import { Link, navigate } from '../router';
import { useSession } from '../session/session';

type Participant = Schemas['ParticipantView'];
type Result = NonNullable<Participant['resultsAtExit']>[number];
const RESULTS: Result[] = ['employed', 'in_education', 'qualification_gained', 'job_searching'];

const day = (iso: string, language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

/** A job coach's participants, newest first, 50 at a time with "more" (each look is written to the audit log); one found by its reference. */
export function ParticipantsPage() {
  const { t, i18n } = useTranslation();
  const [reference, setReference] = useState('');
  /** The reference searched for (none: every participant). */
  const [searched, setSearched] = useState<string | undefined>();
  const read = useCallback(
    (cursor?: string) => ok(api.GET('/api/v1/participants', { params: { query: { limit: 50, ...(searched ? { reference: searched } : {}), ...(cursor ? { cursor } : {}) } } })),
    [searched],
  );
  const list = useCursorList(read);
  const { items, problem, load } = list;
  useEffect(() => void load(), [load]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setSearched(reference.trim() || undefined);
  };
  return (
    <Page title={t('participants.title')}>
      <p className="actions">
        <Link className="button" href="/participants/new">
          {t('participants.new')}
        </Link>
      </p>
      <form onSubmit={search} role="search" className="period">
        <TextField label={t('participants.findReference')} autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
        <button type="submit" className="secondary">
          {t('participants.find')}
        </button>
      </form>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('participants.empty')}</p> : null}
      {items?.length ? (
        <ul className="cards">
          {items.map((p) => (
            <li key={p.id}>
              <h2>
                <Link href={`/participants/${p.id}`}>{t('participants.entered', { date: day(p.entryDate, i18n.language) })}</Link>
              </h2>
              <p className="muted">
                {t(`participants.answer.gender.${p.gender}`)} · {t(`participants.answer.ageBand.${p.ageBand}`)} · {t('participants.placementCount', { count: p.placements.length })}
                {p.exitDate ? ` · ${t('participants.left', { date: day(p.exitDate, i18n.language) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <MoreButton list={list} label={t('participants.more')} />
    </Page>
  );
}

export function NewParticipantPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { run, pending, problem, fieldError } = useAction();
  const organisations = me?.person.memberships.map((m) => ({ id: m.organisationId, name: m.organisationName })) ?? [];
  if (!me?.person.hubRoles.includes('job_coach')) {
    return (
      <Page title={t('participants.newTitle')}>
        <p>{t('participants.only')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('participants.newTitle')}>
      <ProblemAlert problem={problem} />
      <ParticipantForm
        organisations={organisations}
        pending={pending}
        serverError={fieldError}
        onSave={async (body) => {
          const made = await run(() => ok(api.POST('/api/v1/participants', { body })));
          if (made) navigate(`/participants/${made.id}`);
        }}
      />
    </Page>
  );
}

/** One participant: the indicators, their exit and results, and their jobs (placements), with a form for a new one. */
export function ParticipantPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [participant, setParticipant] = useState<Participant | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/participants/{id}', { params: { path: { id } } }))).then((found) => found && setParticipant(found)), [id, run]);
  useEffect(() => void load(), [load]);
  if (!participant) {
    return (
      <Page title={t('participants.one')}>
        <ProblemAlert problem={problem} />
        {problem ? null : <Loading />}
      </Page>
    );
  }
  return (
    <Page title={t('participants.entered', { date: day(participant.entryDate, i18n.language) })}>
      <p>
        <Link href="/participants">{t('participants.back')}</Link>
      </p>
      <Outcome message={message} problem={problem} />
      <dl className="facts">
        {INDICATOR_KEYS.map((key) => (
          <div key={key} className="contents">
            <dt>{t(`participants.short.${key}`)}</dt>
            <dd>{t(`participants.answer.${key}.${participant[key]}`)}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="participant-placements">
        <h2 id="participant-placements">{t('placements.title')}</h2>
        {participant.placements.length === 0 ? <p>{t('placements.none')}</p> : null}
        <ul className="list">
          {participant.placements.map((p) => (
            <li key={p.id}>
              {t('placements.summary', { sector: t(`placements.sectors.${p.sector}`), contract: t(`placements.contracts.${p.contractType}`), hours: new Intl.NumberFormat(i18n.language).format(p.hoursPerWeek), start: day(p.startDate, i18n.language) })}
              {p.endDate ? ` ${t('placements.until', { end: day(p.endDate, i18n.language) })}` : ''}{' '}
              <button type="button" className="link" aria-expanded={editing === p.id} onClick={() => setEditing(editing === p.id ? null : p.id)}>
                {t('placements.change')} <span className="visually-hidden">{t('placements.changeWhich', { start: day(p.startDate, i18n.language) })}</span>
              </button>
              {editing === p.id ? (
                <PlacementEditForm
                  placement={p}
                  pending={pending}
                  serverError={fieldError}
                  onCancel={() => setEditing(null)}
                  onSave={async (body) => {
                    const changed = await run(() => ok(api.PATCH('/api/v1/placements/{id}', { params: { path: { id: p.id } }, body })));
                    if (changed) {
                      setEditing(null);
                      setMessage(t('placements.changed'));
                      await load();
                    }
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <details>
          <summary>{t('placements.add')}</summary>
          <PlacementForm
            pending={pending}
            serverError={fieldError}
            onSave={async (body) => {
              const made = await run(() => ok(api.POST('/api/v1/participants/{id}/placements', { params: { path: { id } }, body })));
              if (made) {
                setMessage(t('placements.saved'));
                await load();
              }
            }}
          />
        </details>
      </section>
      <ExitSection participant={participant} onSaved={async () => {
        setMessage(t('participants.exitSaved'));
        await load();
      }} />
    </Page>
  );
}

function ExitSection({ participant, onSaved }: { participant: Participant; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [exitDate, setExitDate] = useState(participant.exitDate ?? '');
  const [atExit, setAtExit] = useState<Result[]>(participant.resultsAtExit ?? []);
  const [afterSix, setAfterSix] = useState<Result[]>(participant.resultsAfterSixMonths ?? []);
  const { run, pending, problem, fieldError } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { exitDate: exitDate || null, resultsAtExit: exitDate ? atExit : null, resultsAfterSixMonths: exitDate ? afterSix : null };
    if (await run(() => ok(api.PATCH('/api/v1/participants/{id}', { params: { path: { id: participant.id } }, body })))) await onSaved();
  };
  const options = RESULTS.map((r) => ({ value: r, label: t(`participants.results.${r}`) }));
  return (
    <section aria-labelledby="participant-exit">
      <h2 id="participant-exit">{t('participants.exit')}</h2>
      <ProblemAlert problem={problem} />
      <form onSubmit={submit} noValidate>
        <TextField label={t('participants.exitDate')} hint={t('participants.why.exit')} type="date" value={exitDate} onChange={(e) => setExitDate(e.target.value)} error={fieldError('exitDate')} />
        {exitDate ? (
          <>
            <CheckboxGroup legend={t('participants.resultsAtExit')} options={options} value={atExit} onChange={setAtExit} error={fieldError('resultsAtExit')} />
            <CheckboxGroup legend={t('participants.resultsAfterSix')} options={options} value={afterSix} onChange={setAfterSix} error={fieldError('resultsAfterSixMonths')} />
          </>
        ) : null}
        <button type="submit" className="secondary" disabled={pending}>
          {t('participants.saveExit')}
        </button>
      </form>
    </section>
  );
}
