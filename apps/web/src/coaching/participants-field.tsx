import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { CheckboxGroup, ProblemAlert, useAction } from '../components/form';

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
  const { team, problem } = useTeam(assignmentId);
  const people = [...(team ?? [])];
  for (const k of known) if (value.includes(k.personId) && !people.some((p) => p.personId === k.personId)) people.push({ personId: k.personId, name: k.name ?? t('sessions.participant', { n: known.indexOf(k) + 1 }) });
  return (
    <CheckboxGroup legend={t('sessions.participants')} hint={t('sessions.participantsHint')} options={people.map((p) => ({ value: p.personId, label: p.name }))} value={value} onChange={onChange} error={error}>
      <ProblemAlert problem={problem} />
      {team === null && !problem ? <p className="muted">{t('sessions.loadingTeam')}</p> : null}
      {team !== null && people.length === 0 ? <p className="muted">{t('sessions.noTeam')}</p> : null}
    </CheckboxGroup>
  );
}
