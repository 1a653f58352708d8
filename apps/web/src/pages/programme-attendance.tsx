import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { CheckboxGroup, Outcome, SelectField, useAction } from '../components/form';
import { DATE_TIME } from '../i18n/i18n';

type Programme = Schemas['ProgrammeView'];
type Registration = Schemas['ProgrammeRegistrationView'];
/** Pages of the hub's people read at most, to name those registered (100 a page). */
const PEOPLE_PAGES = 20;

/** The names of these people of the hub, read from the hub admin's list of people until all are found. */
function usePeopleNames(ids: string[]): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const wanted = ids.join(',');
  useEffect(() => {
    let stopped = false;
    (async () => {
      const found = new Map<string, string>();
      let cursor: string | undefined;
      for (let page = 0; page < PEOPLE_PAGES && !stopped; page++) {
        const { items, nextCursor } = await ok(api.GET('/api/v1/people', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
        for (const person of items) if (wanted.includes(person.id)) found.set(person.id, person.name);
        if (!nextCursor || wanted.split(',').every((id) => found.has(id))) break;
        cursor = nextCursor;
      }
      if (!stopped) setNames(found);
    })().catch(() => undefined); // without names the form still works: each registration reads by its date
    return () => void (stopped = true);
  }, [wanted]);
  return names;
}

/**
 * What a hub admin sees of a programme's registrations: each by the person's name (from the hub's
 * list of people; coaching keeps ids only), its state and attendance, and the attendance form.
 */
export function ProgrammeRegistrations({ programme, onSaved }: { programme: Programme; onSaved: (programme: Programme) => void }) {
  const { t } = useTranslation();
  const registrations = programme.registrations ?? [];
  const names = usePeopleNames(registrations.map((r) => r.personId));
  const state = (r: Registration) => (r.status === 'waitlisted' && r.waitlistPosition ? t('programmes.waitlistPlace', { position: r.waitlistPosition }) : t(`programmes.status.${r.status}`));
  return (
    <>
      <h2>{t('programmes.registrations')}</h2>
      {registrations.length === 0 ? <p>{t('programmes.noRegistrations')}</p> : null}
      <ol className="list">
        {registrations.map((r, i) => (
          <li key={r.id}>
            <strong>{personName(t, names, r, i)}</strong> · {state(r)} · {t('programmes.registeredAt', { at: new Date(r.registeredAt), ...DATE_TIME })}
            {r.status === 'confirmed' ? <> · {t('programmes.attended', { count: r.attendedSessionIds.length, total: programme.sessions.length })}</> : null}
          </li>
        ))}
      </ol>
      <AttendanceForm key={programme.id} programme={programme} names={names} onSaved={onSaved} />
    </>
  );
}

/** The person's name, or while it is not known (or cannot be read) the registration by its number and date. */
function personName(t: TFunction, names: ReadonlyMap<string, string>, r: Registration, index: number): string {
  return names.get(r.personId) ?? t('attendance.registration', { n: index + 1, at: new Date(r.registeredAt), ...DATE_TIME });
}

/** A hub admin records who attended one session of the programme: its confirmed registrations, checked when present. */
export function AttendanceForm({ programme, names, onSaved }: { programme: Programme; names: ReadonlyMap<string, string>; onSaved: (programme: Programme) => void }) {
  const { t } = useTranslation();
  const confirmed = (programme.registrations ?? []).filter((r) => r.status === 'confirmed');
  const [sessionId, setSessionId] = useState(programme.sessions[0]?.id ?? '');
  const attendedAt = (id: string) => confirmed.filter((r) => r.attendedSessionIds.includes(id)).map((r) => r.id);
  const [present, setPresent] = useState<string[]>(() => attendedAt(sessionId));
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  if (programme.sessions.length === 0 || confirmed.length === 0) return <p>{t('attendance.nobody')}</p>;
  const session = programme.sessions.find((s) => s.id === sessionId);
  const choose = (id: string) => {
    setSessionId(id);
    setPresent(attendedAt(id));
    setMessage(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => ok(api.PUT('/api/v1/programmes/{id}/sessions/{sessionId}/attendance', { params: { path: { id: programme.id, sessionId } }, body: { presentRegistrationIds: present } })));
    if (saved) {
      onSaved(saved);
      setMessage(t('attendance.saved', { count: present.length, at: new Date(session?.startsAt ?? Date.now()), ...DATE_TIME }));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="attendance">
      <h2 id="attendance">{t('attendance.title')}</h2>
      <Outcome message={message} problem={problem} />
      <SelectField label={t('attendance.session')} value={sessionId} onChange={(e) => choose(e.target.value)} options={programme.sessions.map((s) => ({ value: s.id, label: t('attendance.sessionAt', { at: new Date(s.startsAt), ...DATE_TIME }) }))} />
      <CheckboxGroup
        legend={t('attendance.present')}
        options={confirmed.map((r) => ({ value: r.id, label: personName(t, names, r, programme.registrations?.indexOf(r) ?? 0) }))}
        value={present}
        onChange={setPresent}
      />
      <button type="submit" disabled={pending}>
        {t('attendance.save')}
      </button>
    </form>
  );
}
