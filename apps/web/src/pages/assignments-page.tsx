import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { brusselsToInstant } from '../coaching/brussels-time';
import { ParticipantsField } from '../coaching/participants-field';
import { Outcome, ProblemAlert, SelectField, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_TIME } from '../i18n/i18n';
import { Link } from '../router';

type Assignment = Schemas['AssignmentView'];

export const DURATIONS = [30, 45, 60, 90, 120, 180];

/** A mentor's proposals to answer and the ideas they coach, each with a way to plan a session. */
export function AssignmentsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Assignment[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/assignments'))).then((list) => list && setItems(list.items)), [run]);
  useEffect(() => void load(), [load]);

  const decide = async (assignment: Assignment, accept: boolean) => {
    setMessage(null);
    const done = await run(() => ok(api.POST('/api/v1/assignments/{id}/decision', { params: { path: { id: assignment.id } }, body: { accept } })));
    if (done) {
      setMessage(t(accept ? 'assignments.accepted' : 'assignments.declined', { idea: assignment.idea.title }));
      await load();
    }
  };
  const proposals = items?.filter((a) => a.status === 'proposed') ?? [];
  const coached = items?.filter((a) => a.status === 'accepted') ?? [];
  return (
    <Page title={t('assignments.title')}>
      <Outcome message={message} problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items ? (
        <>
          <section aria-labelledby="assignments-proposed">
            <h2 id="assignments-proposed">{t('assignments.proposals')}</h2>
            {proposals.length === 0 ? <p>{t('assignments.noProposals')}</p> : null}
            <ul className="cards">
              {proposals.map((a) => (
                <li key={a.id}>
                  <h3>
                    <Link href={`/ideas/${a.idea.id}`}>{a.idea.title}</Link>
                  </h3>
                  <p className="muted">
                    {t(`workDomain.${a.idea.workDomain}`)} · {t('assignments.proposedAt', { at: new Date(a.proposedAt), ...DATE_TIME })}
                  </p>
                  <p className="actions">
                    <button type="button" disabled={pending} onClick={() => decide(a, true)}>
                      {t('assignments.accept', { idea: a.idea.title })}
                    </button>
                    <button type="button" className="secondary" disabled={pending} onClick={() => decide(a, false)}>
                      {t('assignments.decline', { idea: a.idea.title })}
                    </button>
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="assignments-coached">
            <h2 id="assignments-coached">{t('assignments.coached')}</h2>
            {coached.length === 0 ? <p>{t('assignments.noneCoached')}</p> : null}
            <ul className="cards">
              {coached.map((a) => (
                <li key={a.id}>
                  <h3>
                    <Link href={`/ideas/${a.idea.id}`}>{a.idea.title}</Link>
                  </h3>
                  <p className="muted">{t(`workDomain.${a.idea.workDomain}`)}</p>
                  <p>
                    <Link href={`/ideas/${a.idea.id}/coaching`}>{t('coachedIdea.link', { idea: a.idea.title })}</Link>
                  </p>
                  <details>
                    <summary>{t('sessions.planFor', { idea: a.idea.title })}</summary>
                    <PlanSessionForm assignment={a} />
                  </details>
                </li>
              ))}
            </ul>
          </section>
          <p>
            <Link href="/sessions">{t('sessions.title')}</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}

/** Plans a session of an accepted assignment: when (Brussels time), how long, where or which link, and with whom of the idea's organisation (by name). */
export function PlanSessionForm({ assignment, onPlanned }: { assignment: Pick<Assignment, 'id'>; onPlanned?: () => unknown }) {
  const { t } = useTranslation();
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState('60');
  const [place, setPlace] = useState('');
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [planned, setPlanned] = useState<Schemas['CoachingSessionView'] | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPlanned(null);
    const found: Record<string, string> = {};
    if (!startsAt) found.startsAt = t('sessions.rules.when');
    else if (brusselsToInstant(startsAt) <= new Date().toISOString()) found.startsAt = t('sessions.rules.future');
    if (!place.trim()) found.place = t('sessions.rules.place');
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { startsAt: brusselsToInstant(startsAt), durationMinutes: Number(duration), place: place.trim(), participantIds };
    const session = await run(() => ok(api.POST('/api/v1/assignments/{id}/sessions', { params: { path: { id: assignment.id } }, body })));
    if (session) {
      setPlanned(session);
      setStartsAt('');
      setPlace('');
      setParticipantIds([]);
      onPlanned?.();
    } else refused();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <TextField label={t('sessions.startsAt')} hint={t('sessions.startsAtHint')} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={errors.startsAt ?? fieldError('startsAt')} />
      <SelectField label={t('sessions.duration')} value={duration} onChange={(e) => setDuration(e.target.value)} options={DURATIONS.map((m) => ({ value: String(m), label: t('sessions.minutes', { count: m }) }))} />
      <TextField label={t('sessions.place')} hint={t('sessions.placeHint')} required maxLength={300} value={place} onChange={(e) => setPlace(e.target.value)} error={errors.place ?? fieldError('place')} />
      <ParticipantsField assignmentId={assignment.id} value={participantIds} onChange={setParticipantIds} error={fieldError('participantIds')} />
      <p className="actions">
        <button type="submit" disabled={pending}>
          {t('sessions.plan')}
        </button>
      </p>
      <Outcome
        message={
          planned ? (
            <>
              {t('sessions.planned', { at: new Date(planned.startsAt), ...DATE_TIME })} <Link href="/sessions">{t('sessions.see')}</Link>
            </>
          ) : null
        }
      />
    </form>
  );
}
