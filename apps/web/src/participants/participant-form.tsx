import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema';
import { brusselsToday } from '../coaching/brussels-time';
import { RadioGroup, SelectField, TextField, useFocusFirstInvalid } from '../components/form';
import { INDICATOR_KEYS, INDICATORS, participantErrors, REFERENCE_MAX, type ParticipantDraft } from './participant-rules';

export type NewParticipant = paths['/api/v1/participants']['post']['requestBody']['content']['application/json'];

/**
 * Enrols a participant: only what the ESF common indicators need (no name, no birth date, no
 * national number), each question saying why it is asked; the sensitive ones can be declined.
 */
export function ParticipantForm({ organisations, onSave, pending, serverError }: {
  organisations: { id: string; name: string }[];
  onSave: (body: NewParticipant) => void;
  pending: boolean;
  serverError: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ParticipantDraft>({ reference: '', entryDate: brusselsToday(), answers: {} });
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const error = (field: string) => (errors[field] ? t(`participants.rules.${errors[field]}`) : serverError(field));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = participantErrors(draft, brusselsToday());
    setErrors(found);
    if (Object.keys(found).length) return refused();
    onSave({ reference: draft.reference.trim(), entryDate: draft.entryDate, ...(organisations.length > 1 ? { organisationId } : {}), ...draft.answers } as NewParticipant);
  };
  const count = Object.keys(errors).length;
  return (
    <form ref={form} onSubmit={submit} noValidate>
      {count ? (
        <p className="alert" role="alert">
          {t('ideaForm.fix', { count })}
        </p>
      ) : null}
      <p>{t('participants.intro')}</p>
      {organisations.length > 1 ? (
        <SelectField label={t('participants.organisation')} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
      ) : null}
      <TextField label={t('participants.reference')} hint={t('participants.why.reference')} required maxLength={REFERENCE_MAX} autoComplete="off" value={draft.reference} onChange={(e) => setDraft({ ...draft, reference: e.target.value })} error={error('reference')} />
      {INDICATOR_KEYS.map((key) => (
        <RadioGroup
          key={key}
          name={key}
          legend={t(`participants.question.${key}`)}
          hint={t(`participants.why.${key}`)}
          options={INDICATORS[key].map((value) => ({ value, label: t(`participants.answer.${key}.${value}`) }))}
          value={draft.answers[key] ?? ''}
          onChange={(value) => setDraft({ ...draft, answers: { ...draft.answers, [key]: value } })}
          error={error(key)}
        />
      ))}
      <TextField label={t('participants.entryDate')} hint={t('participants.why.entryDate')} type="date" required value={draft.entryDate} onChange={(e) => setDraft({ ...draft, entryDate: e.target.value })} error={error('entryDate')} />
      <p className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t('app.saving') : t('participants.enrol')}
        </button>
      </p>
    </form>
  );
}
