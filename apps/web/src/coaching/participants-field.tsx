import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ProblemAlert, useAction } from '../components/form';

type TeamMember = Schemas['AssignmentTeam']['items'][number];

/** The people a mentor may invite to a session of the assignment (the idea's organisation's active members, by name); null while loading. */
export function useTeam(assignmentId: string) {
  const [team, setTeam] = useState<TeamMember[] | null>(null);
  const { run, problem } = useAction();
  useEffect(() => {
    let current = true;
    void run(() => ok(api.GET('/api/v1/assignments/{id}/team', { params: { path: { id: assignmentId } } }))).then((answer) => current && answer && setTeam(answer.items));
    return () => {
      current = false;
    };
  }, [assignmentId, run]);
  return { team, problem };
}

/**
 * Chooses a session's participants by name among the idea's organisation's people. `known`: people
 * chosen before (a session's participants) who are no longer in the team stay listed, so that
 * unticking them is a choice and not a surprise.
 */
export function ParticipantsField({ assignmentId, value, onChange, error, known = [] }: {
  assignmentId: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  known?: readonly { personId: string; name: string | null }[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const { team, problem } = useTeam(assignmentId);
  const people = [...(team ?? [])];
  for (const k of known) if (value.includes(k.personId) && !people.some((p) => p.personId === k.personId)) people.push({ personId: k.personId, name: k.name ?? t('sessions.participant', { n: known.indexOf(k) + 1 }) });
  return (
    <fieldset className="field checkboxes" aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined}>
      <legend>{t('sessions.participants')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('sessions.participantsHint')}
      </p>
      <ProblemAlert problem={problem} />
      {team === null && !problem ? <p className="muted">{t('sessions.loadingTeam')}</p> : null}
      {team !== null && people.length === 0 ? <p className="muted">{t('sessions.noTeam')}</p> : null}
      {people.map((p) => (
        <label key={p.personId} className="checkbox">
          <input type="checkbox" checked={value.includes(p.personId)} onChange={(e) => onChange(e.target.checked ? [...value, p.personId] : value.filter((v) => v !== p.personId))} />
          {p.name}
        </label>
      ))}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
