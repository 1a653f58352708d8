import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, ProblemAlert, SelectField, TextArea, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { DATE_TIME } from '../i18n/i18n';
import { DURATIONS } from '../pages/assignments-page';
import { Link } from '../router';
import { addDays, brusselsToday, brusselsToInstant, instantToBrussels } from './brussels-time';
import { ParticipantsField } from './participants-field';

type CoachingSession = Schemas['CoachingSessionView'];
type Mode = 'move' | 'cancel' | 'complete' | null;

/**
 * A session's details, its action items, and for its mentor: move, cancel or complete it.
 * The API names a session's participants (coaching asks partners); `names` (the reader's own
 * organisations' members) fills in a name it could not give now, and else one reads "Deelnemer n".
 */
export function SessionActions({
  session,
  isMentor,
  onChanged,
  names = new Map(),
  readOnly = false,
  headingLevel = 3,
}: {
  session: CoachingSession;
  isMentor: boolean;
  onChanged: () => Promise<unknown>;
  names?: ReadonlyMap<string, string>;
  /** The reader looks on (a hub admin): action items shown, not ticked. */
  readOnly?: boolean;
  /** The level of its own heading (the action items): one below the session's. */
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const started = session.startsAt <= new Date().toISOString();
  const done = async (text: string) => {
    setMode(null);
    setMessage(text);
    await onChanged();
  };
  const toggle = async (item: CoachingSession['actionItems'][number]) => {
    if (await run(() => ok(api.PATCH('/api/v1/action-items/{id}', { params: { path: { id: item.id } }, body: { done: !item.done } })))) await onChanged();
  };
  const owner = (id: string) =>
    id === session.mentor.personId
      ? session.mentor.name
      : (session.participants.find((p) => p.personId === id)?.name ?? names.get(id) ?? t('sessions.participant', { n: session.participantIds.indexOf(id) + 1 }));
  return (
    <>
      <Outcome message={message} problem={problem} />
      <dl className="facts">
        <dt>{t('sessions.idea')}</dt>
        <dd>
          <Link href={`/ideas/${session.idea.id}`}>{session.idea.title}</Link>
        </dd>
        <dt>{t('sessions.when')}</dt>
        <dd>{t('sessions.at', { at: new Date(session.startsAt), ...DATE_TIME, count: session.durationMinutes })}</dd>
        <dt>{t('sessions.place')}</dt>
        <dd>{session.place}</dd>
        <dt>{t('sessions.mentor')}</dt>
        <dd>{session.mentor.name}</dd>
        <dt>{t('sessions.participants')}</dt>
        <dd>{session.participantIds.length ? session.participantIds.map(owner).join(', ') : t('sessions.noParticipants')}</dd>
        <dt>{t('sessions.state')}</dt>
        <dd>
          {t(`sessions.status.${session.status}`)}
          {session.cancelReason ? ` — ${session.cancelReason}` : null}
        </dd>
        {session.notes ? (
          <>
            <dt>{t('sessions.notes')}</dt>
            <dd className="pre">{session.notes}</dd>
          </>
        ) : null}
      </dl>
      {session.actionItems.length ? (
        <>
          {headingLevel === 3 ? <h3>{t('sessions.actionItems')}</h3> : <h4>{t('sessions.actionItems')}</h4>}
          <ul className="list">
            {session.actionItems.map((item) => (
              <li key={item.id}>
                <label className="checkbox">
                  <input type="checkbox" checked={item.done} disabled={pending || readOnly} onChange={() => toggle(item)} />
                  {t('sessions.actionItem', { description: item.description, owner: owner(item.ownerId), due: new Date(`${item.dueOn}T12:00:00Z`), formatParams: { due: { dateStyle: 'medium', timeZone: 'UTC' } } })}
                </label>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isMentor && session.status === 'planned' ? (
        <>
          <p className="actions">
            <button type="button" className={mode === 'move' ? '' : 'secondary'} aria-expanded={mode === 'move'} onClick={() => setMode(mode === 'move' ? null : 'move')}>
              {t('sessions.move')}
            </button>
            <button type="button" className={mode === 'cancel' ? '' : 'secondary'} aria-expanded={mode === 'cancel'} onClick={() => setMode(mode === 'cancel' ? null : 'cancel')}>
              {t('sessions.cancel')}
            </button>
            {started ? (
              <button type="button" className={mode === 'complete' ? '' : 'secondary'} aria-expanded={mode === 'complete'} onClick={() => setMode(mode === 'complete' ? null : 'complete')}>
                {t('sessions.complete')}
              </button>
            ) : null}
          </p>
          {!started ? <p className="hint">{t('sessions.completeLater')}</p> : null}
          {mode === 'move' ? <MoveForm session={session} onDone={(s) => done(t('sessions.moved', { at: new Date(s.startsAt), ...DATE_TIME }))} /> : null}
          {mode === 'cancel' ? <CancelForm session={session} onDone={() => done(t('sessions.cancelled'))} /> : null}
          {mode === 'complete' ? <CompleteForm session={session} owner={owner} onDone={() => done(t('sessions.completed'))} /> : null}
        </>
      ) : null}
    </>
  );
}

function MoveForm({ session, onDone }: { session: CoachingSession; onDone: (moved: CoachingSession) => void }) {
  const { t } = useTranslation();
  const [startsAt, setStartsAt] = useState(instantToBrussels(session.startsAt));
  const [duration, setDuration] = useState(String(session.durationMinutes));
  const [place, setPlace] = useState(session.place);
  const [participantIds, setParticipantIds] = useState(session.participantIds);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!startsAt) found.startsAt = t('sessions.rules.when');
    if (!place.trim()) found.place = t('sessions.rules.place');
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { startsAt: brusselsToInstant(startsAt), durationMinutes: Number(duration), place: place.trim(), participantIds };
    const moved = await run(() => ok(api.PATCH('/api/v1/sessions/{id}', { params: { path: { id: session.id } }, body })));
    if (moved) onDone(moved);
    else refused();
  };
  const durations = DURATIONS.includes(session.durationMinutes) ? DURATIONS : [...DURATIONS, session.durationMinutes].sort((a, b) => a - b);
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('sessions.move')}>
      <ProblemAlert problem={problem} />
      <TextField label={t('sessions.startsAt')} hint={t('sessions.startsAtHint')} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={errors.startsAt ?? fieldError('startsAt')} />
      <SelectField label={t('sessions.duration')} value={duration} onChange={(e) => setDuration(e.target.value)} options={durations.map((m) => ({ value: String(m), label: t('sessions.minutes', { count: m }) }))} />
      <TextField label={t('sessions.place')} hint={t('sessions.placeHint')} required maxLength={300} value={place} onChange={(e) => setPlace(e.target.value)} error={errors.place ?? fieldError('place')} />
      <ParticipantsField assignmentId={session.assignmentId} value={participantIds} onChange={setParticipantIds} known={session.participants} error={fieldError('participantIds')} />
      <button type="submit" disabled={pending}>
        {t('sessions.saveMove')}
      </button>
    </form>
  );
}

function CancelForm({ session, onDone }: { session: CoachingSession; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { run, pending, problem, fieldError } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { reason: reason.trim() || null };
    if (await run(() => ok(api.POST('/api/v1/sessions/{id}/cancellation', { params: { path: { id: session.id } }, body })))) onDone();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('sessions.cancel')}>
      <ProblemAlert problem={problem} />
      <TextField label={t('sessions.reason')} hint={t('sessions.reasonHint')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError('reason')} />
      <button type="submit" disabled={pending}>
        {t('sessions.confirmCancel')}
      </button>
    </form>
  );
}

interface DraftItem {
  description: string;
  ownerId: string;
  dueOn: string;
}

function CompleteForm({ session, owner, onDone }: { session: CoachingSession; owner: (id: string) => string; onDone: () => void }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const [items, setItems] = useState<DraftItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const owners = [session.mentor.personId, ...session.participantIds];
  const change = (index: number, patch: Partial<DraftItem>) => setItems((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    items.forEach((item, i) => {
      if (!item.description.trim()) found[`actionItems.${i}.description`] = t('sessions.rules.description');
      if (!item.dueOn) found[`actionItems.${i}.dueOn`] = t('sessions.rules.due');
    });
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { notes, actionItems: items.map((item) => ({ ...item, description: item.description.trim() })) };
    if (await run(() => ok(api.POST('/api/v1/sessions/{id}/completion', { params: { path: { id: session.id } }, body })))) onDone();
    else refused();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('sessions.complete')}>
      <ProblemAlert problem={problem} />
      <TextArea label={t('sessions.notes')} hint={t('sessions.notesHint')} rows={5} maxLength={10000} value={notes} onChange={(e) => setNotes(e.target.value)} error={fieldError('notes')} />
      {items.map((item, i) => (
        <fieldset key={i}>
          <legend>{t('sessions.actionItemN', { n: i + 1 })}</legend>
          <TextField label={t('sessions.description')} required maxLength={500} value={item.description} onChange={(e) => change(i, { description: e.target.value })} error={errors[`actionItems.${i}.description`] ?? fieldError(`actionItems.${i}.description`)} />
          <SelectField label={t('sessions.owner')} value={item.ownerId} onChange={(e) => change(i, { ownerId: e.target.value })} options={owners.map((id) => ({ value: id, label: owner(id) }))} />
          <TextField label={t('sessions.due')} type="date" required value={item.dueOn} onChange={(e) => change(i, { dueOn: e.target.value })} error={errors[`actionItems.${i}.dueOn`] ?? fieldError(`actionItems.${i}.dueOn`)} />
          <button type="button" className="link" onClick={() => setItems((list) => list.filter((_, j) => j !== i))}>
            {t('sessions.removeItem', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <p className="actions">
        <button type="button" className="secondary" onClick={() => setItems((list) => [...list, { description: '', ownerId: session.mentor.personId, dueOn: addDays(brusselsToday(), 7) }])}>
          {t('sessions.addItem')}
        </button>
        <button type="submit" disabled={pending}>
          {t('sessions.saveComplete')}
        </button>
      </p>
    </form>
  );
}
