import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { addDays, brusselsToday, brusselsToInstant, mondayOf, zoned } from '../coaching/brussels-time';
import { SessionActions } from '../coaching/session-actions';
import { ProblemAlert, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { TIME_ZONE } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';

type CoachingSession = Schemas['CoachingSessionView'];
type View = 'week' | 'month';

/** The first and the day after the last day shown (Brussels days), and the days in rows of a week. */
function range(view: View, day: string): { from: string; to: string; weeks: string[][] } {
  const first = view === 'week' ? mondayOf(day) : mondayOf(`${day.slice(0, 7)}-01`);
  const last = view === 'week' ? addDays(first, 7) : addDays(mondayOf(addDays(`${addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1)), 7);
  const weeks: string[][] = [];
  for (let d = first; d < last; d = addDays(d, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
  return { from: first, to: last, weeks };
}

/** A mentor's (or participant's) sessions in a week or a month view; one chosen session's details and what its mentor can do with it. */
export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  // Participants are members of the idea's organisation: their colleagues know their names from their own organisation.
  const names = useMemo(() => new Map((me?.organisations ?? []).flatMap((o) => o.members ?? []).map((m) => [m.personId, m.name])), [me]);
  const [view, setView] = useState<View>('week');
  const [day, setDay] = useState(() => brusselsToday());
  const [sessions, setSessions] = useState<CoachingSession[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const { run, problem } = useAction();
  const { from, to, weeks } = range(view, day);
  const load = useCallback(
    () => run(() => ok(api.GET('/api/v1/sessions', { params: { query: { from: brusselsToInstant(`${from}T00:00`), to: brusselsToInstant(`${to}T00:00`), limit: 500 } } }))).then((list) => list && setSessions(list.items)),
    [from, to, run],
  );
  useEffect(() => void load(), [load]);
  const detail = useRef<HTMLHeadingElement>(null);
  const choose = (id: string) => {
    setChosen(id);
    requestAnimationFrame(() => detail.current?.focus());
  };

  const onDay = (d: string) => sessions?.filter((s) => zoned(new Date(s.startsAt)).toISOString().slice(0, 10) === d) ?? [];
  const dayName = (d: string, style: 'long' | 'short') => new Intl.DateTimeFormat(i18n.language, { weekday: style, day: 'numeric', month: style, timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  const time = (s: CoachingSession) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(new Date(s.startsAt));
  const title =
    view === 'week'
      ? t('sessions.weekOf', { from: dayName(from, 'long'), to: dayName(addDays(to, -1), 'long') })
      : new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 7)}-15T12:00:00Z`));
  const selected = sessions?.find((s) => s.id === chosen) ?? null;

  const entry = (s: CoachingSession) => (
    <button type="button" className={`link session ${s.status}`} aria-pressed={s.id === chosen} onClick={() => choose(s.id)}>
      {time(s)} {s.idea.title}
      {s.status === 'planned' ? null : <> ({t(`sessions.status.${s.status}`)})</>}
    </button>
  );

  return (
    <Page title={t('sessions.title')} wide>
      <div className="actions" role="group" aria-label={t('sessions.viewLabel')}>
        <button type="button" className={view === 'week' ? '' : 'secondary'} aria-pressed={view === 'week'} onClick={() => setView('week')}>
          {t('sessions.week')}
        </button>
        <button type="button" className={view === 'month' ? '' : 'secondary'} aria-pressed={view === 'month'} onClick={() => setView('month')}>
          {t('sessions.month')}
        </button>
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setDay(view === 'week' ? addDays(day, -7) : `${addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7)}-01`)}>
          {t(view === 'week' ? 'sessions.previousWeek' : 'sessions.previousMonth')}
        </button>
        <button type="button" className="secondary" onClick={() => setDay(brusselsToday())}>
          {t('sessions.today')}
        </button>
        <button type="button" className="secondary" onClick={() => setDay(view === 'week' ? addDays(day, 7) : `${addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7)}-01`)}>
          {t(view === 'week' ? 'sessions.nextWeek' : 'sessions.nextMonth')}
        </button>
      </div>
      <h2 aria-live="polite">{title}</h2>
      <ProblemAlert problem={problem} />
      {sessions === null && !problem ? <Loading /> : null}
      {sessions && sessions.length === 0 ? (
        <p>
          {t('sessions.none')} {me?.person.hubRoles.includes('mentor') ? <Link href="/assignments">{t('sessions.planFromAssignments')}</Link> : null}
        </p>
      ) : null}
      {sessions && view === 'week' ? (
        <ol className="week">
          {weeks[0].map((d) => (
            <li key={d}>
              <h3>{dayName(d, 'long')}</h3>
              {onDay(d).length ? (
                <ul className="day-sessions">
                  {onDay(d).map((s) => (
                    <li key={s.id}>
                      {entry(s)}
                      <span className="muted"> · {s.place}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('sessions.free')}</p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {sessions && view === 'month' ? (
        <table className="month">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {weeks[0].map((d) => (
                <th key={d} scope="col">
                  <abbr title={new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))}>
                    {new Intl.DateTimeFormat(i18n.language, { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((d) => (
                  <td key={d} className={d.slice(0, 7) === day.slice(0, 7) ? '' : 'other-month'}>
                    <span className="day-number" aria-label={dayName(d, 'long')}>
                      {Number(d.slice(8))}
                    </span>
                    {onDay(d).map((s) => (
                      <div key={s.id}>{entry(s)}</div>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {selected ? (
        <section aria-labelledby="session-detail" className="session-detail">
          <h2 id="session-detail" ref={detail} tabIndex={-1}>
            {t('sessions.detail', { idea: selected.idea.title })}
          </h2>
          <SessionActions session={selected} isMentor={selected.mentor.personId === me?.person.id} onChanged={load} names={names} />
        </section>
      ) : null}
    </Page>
  );
}
