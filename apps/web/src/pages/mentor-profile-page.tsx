import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { brusselsToInstant, brusselsToday, instantToBrussels } from '../coaching/brussels-time';
import { CheckboxGroup, ProblemAlert, TextArea, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Loading, Page } from '../components/page';
import { WORK_DOMAINS } from '../ideas/idea-rules';

type Mentor = Schemas['MentorView'];
type WorkDomain = Mentor['workDomains'][number];

/** A mentor's own profile: the domains they coach, how many ideas at once, a short bio, and until when they are away. */
export function MentorProfilePage() {
  const { t } = useTranslation();
  const [mentor, setMentor] = useState<Mentor | null>(null);
  const [domains, setDomains] = useState<WorkDomain[]>([]);
  const [capacity, setCapacity] = useState('0');
  const [bio, setBio] = useState('');
  const [away, setAway] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();

  const show = (found: Mentor) => {
    setMentor(found);
    setDomains(found.workDomains);
    setCapacity(String(found.capacity));
    setBio(found.bio);
    setAway(found.unavailableUntil && found.unavailableUntil > new Date().toISOString() ? instantToBrussels(found.unavailableUntil).slice(0, 10) : '');
  };
  useEffect(() => void run(() => ok(api.GET('/api/v1/mentors/me'))).then((found) => found && show(found)), [run]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const found: Record<string, string> = {};
    if (domains.length === 0) found.workDomains = t('mentor.rules.domainNeeded');
    if (!/^\d+$/.test(capacity) || Number(capacity) > 20) found.capacity = t('mentor.rules.capacity');
    if (away && away < brusselsToday()) found.unavailableUntil = t('mentor.rules.awayPast');
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { workDomains: domains, capacity: Number(capacity), bio, unavailableUntil: away ? brusselsToInstant(`${away}T23:59`) : null };
    const answer = await run(() => ok(api.PUT('/api/v1/mentors/me', { body })));
    if (answer) {
      show(answer);
      setSaved(true);
    } else refused();
  };

  return (
    <Page title={t('mentor.title')}>
      <ProblemAlert problem={problem} />
      {mentor === null && !problem ? <Loading /> : null}
      {mentor ? (
        <>
          <p>{t('mentor.load', { load: mentor.load, capacity: mentor.capacity })}</p>
          <form ref={form} onSubmit={submit} noValidate>
            <CheckboxGroup legend={t('mentor.domains')} options={WORK_DOMAINS.map((d) => ({ value: d, label: t(`workDomain.${d}`) }))} value={domains} onChange={setDomains} error={errors.workDomains ?? fieldError('workDomains')} />
            <TextField label={t('mentor.capacity')} hint={t('mentor.capacityHint')} type="number" min={0} max={20} inputMode="numeric" required value={capacity} onChange={(e) => setCapacity(e.target.value)} error={errors.capacity ?? fieldError('capacity')} />
            <TextField label={t('mentor.away')} hint={t('mentor.awayHint')} type="date" value={away} onChange={(e) => setAway(e.target.value)} error={errors.unavailableUntil ?? fieldError('unavailableUntil')} />
            <TextArea label={t('mentor.bio')} hint={t('mentor.bioHint')} rows={4} maxLength={2000} value={bio} onChange={(e) => setBio(e.target.value)} error={fieldError('bio')} />
            <p className="actions">
              <button type="submit" disabled={pending}>
                {pending ? t('app.saving') : t('mentor.save')}
              </button>
              {saved ? <span role="status">{t('mentor.saved')}</span> : null}
            </p>
          </form>
        </>
      ) : null}
    </Page>
  );
}
