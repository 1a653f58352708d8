import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { brusselsToInstant } from '../coaching/brussels-time';

interface SessionDraft {
  day: string;
  start: string;
  end: string;
  location: string;
}
export interface ProgrammeDraft {
  title: string;
  capacity: string;
  sessions: SessionDraft[];
}
type Errors = Record<string, string>;

const MAX_SESSIONS = 20;
const emptySession = (location = ''): SessionDraft => ({ day: '', start: '13:30', end: '16:30', location });

/** The form's rules, as the API has them (title, 1–1000 places, 1–20 afternoons each ending after it starts, a place): field → rule broken. */
export function programmeRules(draft: ProgrammeDraft): Errors {
  const errors: Errors = {};
  if (!draft.title.trim()) errors.title = 'name';
  const capacity = Number(draft.capacity);
  if (!/^\d+$/.test(draft.capacity.trim()) || capacity < 1 || capacity > 1000) errors.capacity = 'capacity';
  draft.sessions.forEach((s, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.day)) errors[`sessions.${i}.day`] = 'day';
    if (!/^\d{2}:\d{2}$/.test(s.start)) errors[`sessions.${i}.start`] = 'time';
    if (!/^\d{2}:\d{2}$/.test(s.end)) errors[`sessions.${i}.end`] = 'time';
    else if (s.start && s.end <= s.start) errors[`sessions.${i}.end`] = 'endAfterStart';
    if (!s.location.trim()) errors[`sessions.${i}.location`] = 'location';
  });
  return errors;
}

/** The body the API takes: each afternoon's day and hours read as Brussels time. */
export function programmeBody(draft: ProgrammeDraft) {
  return {
    title: draft.title.trim(),
    capacity: Number(draft.capacity),
    sessions: draft.sessions.map((s) => ({ startsAt: brusselsToInstant(`${s.day}T${s.start}`), endsAt: brusselsToInstant(`${s.day}T${s.end}`), location: s.location.trim() })),
  };
}

/** A hub admin creates a programme: its title, places and afternoons (day, hours in Brussels, place). */
export function ProgrammeForm({ onCreated }: { onCreated: (programme: Schemas['ProgrammeView']) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ProgrammeDraft>({ title: '', capacity: '12', sessions: [emptySession()] });
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const error = (field: string) => (errors[field] ? t(`programmeForm.rules.${errors[field]}`) : fieldError(field));
  const setSession = (i: number, change: Partial<SessionDraft>) => setDraft((d) => ({ ...d, sessions: d.sessions.map((s, j) => (j === i ? { ...s, ...change } : s)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found = programmeRules(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      refused();
      return;
    }
    const made = await run(() => ok(api.POST('/api/v1/programmes', { body: programmeBody(draft) })));
    if (made) {
      setMessage(t('programmeForm.created', { title: made.title }));
      setDraft({ title: '', capacity: draft.capacity, sessions: [emptySession()] });
      onCreated(made);
    } else refused();
  };
  return (
    <section aria-labelledby="new-programme">
      <h2 id="new-programme">{t('programmeForm.title')}</h2>
      <Outcome message={message} problem={problem} />
      <form ref={form} onSubmit={submit} noValidate>
        <TextField label={t('programmeForm.name')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} error={error('title')} required maxLength={200} />
        <TextField
          label={t('programmeForm.capacity')}
          hint={t('programmeForm.capacityHint')}
          inputMode="numeric"
          value={draft.capacity}
          onChange={(e) => setDraft({ ...draft, capacity: e.target.value })}
          error={error('capacity')}
          required
        />
        {draft.sessions.map((s, i) => (
          <fieldset key={i} className="field">
            <legend>{t('programmeForm.session', { n: i + 1 })}</legend>
            <TextField label={t('programmeForm.day')} type="date" value={s.day} onChange={(e) => setSession(i, { day: e.target.value })} error={error(`sessions.${i}.day`)} required />
            <TextField label={t('programmeForm.start')} type="time" value={s.start} onChange={(e) => setSession(i, { start: e.target.value })} error={error(`sessions.${i}.start`) ?? fieldError(`sessions.${i}.startsAt`)} required />
            <TextField label={t('programmeForm.end')} type="time" value={s.end} onChange={(e) => setSession(i, { end: e.target.value })} error={error(`sessions.${i}.end`) ?? fieldError(`sessions.${i}.endsAt`)} required />
            <TextField label={t('programmeForm.location')} value={s.location} onChange={(e) => setSession(i, { location: e.target.value })} error={error(`sessions.${i}.location`)} required maxLength={300} />
            {draft.sessions.length > 1 ? (
              <button type="button" className="secondary" onClick={() => setDraft((d) => ({ ...d, sessions: d.sessions.filter((_, j) => j !== i) }))}>
                {t('programmeForm.remove', { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <p className="actions">
          {draft.sessions.length < MAX_SESSIONS ? (
            <button type="button" className="secondary" onClick={() => setDraft((d) => ({ ...d, sessions: [...d.sessions, emptySession(d.sessions[d.sessions.length - 1]?.location)] }))}>
              {t('programmeForm.add')}
            </button>
          ) : null}
          <button type="submit" disabled={pending}>
            {pending ? t('app.saving') : t('programmeForm.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
