import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { CheckboxGroup, Outcome, ProblemAlert, SelectField, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { WORK_DOMAINS, type WorkDomain } from '../ideas/idea-rules';
import { DATE_TIME } from '../i18n/i18n';

type Organisation = Schemas['OrganisationView'];
type OrganisationType = Organisation['type'];
const TYPES: OrganisationType[] = ['social', 'regular', 'startup', 'citizen', 'knowledge', 'public'];
const ENTERPRISE_NUMBER = /^\d{4}\.?\d{3}\.?\d{3}$/;

/**
 * The org admin changes the organisation's profile. For an active organisation a new name or
 * enterprise number goes to the hub admin first (its proposed change, which the org admin may
 * withdraw); the type and the work domains change at once.
 */
export function OrganisationProfile({ organisation, onChanged }: { organisation: Organisation; onChanged: (next: Organisation) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const proposal = organisation.proposedChange;
  const withdraw = async () => {
    setMessage(null);
    const done = await run(async () => {
      await ok(api.DELETE('/api/v1/organisations/{id}/proposed-change', { params: { path: { id: organisation.id } } }));
      return ok(api.GET('/api/v1/organisations/{id}', { params: { path: { id: organisation.id } } }));
    });
    if (done) {
      setMessage(t('organisation.withdrawn'));
      onChanged(done);
    }
  };
  return (
    <section aria-labelledby="org-profile">
      <h2 id="org-profile">{t('organisation.profile')}</h2>
      <Outcome message={message} problem={problem} />
      {proposal ? (
        <div className="notice" role="status">
          <p>
            {t('organisation.proposed', { at: new Date(proposal.proposedAt), ...DATE_TIME })}{' '}
            {[proposal.name !== undefined ? t('organisation.proposedName', { name: proposal.name }) : null, proposal.enterpriseNumber !== undefined ? t('organisation.proposedNumber', { number: proposal.enterpriseNumber ?? '—' }) : null].filter(Boolean).join(' ')}
          </p>
          <button type="button" className="secondary" disabled={pending} onClick={withdraw}>
            {t('organisation.withdraw')}
          </button>
        </div>
      ) : null}
      {editing ? (
        <ProfileForm
          organisation={organisation}
          onCancel={() => setEditing(false)}
          onSaved={(next, proposed) => {
            setEditing(false);
            setMessage(proposed ? t('organisation.savedProposed') : t('organisation.saved'));
            onChanged(next);
          }}
        />
      ) : (
        <p className="actions">
          <button type="button" className="secondary" aria-expanded={false} onClick={() => setEditing(true)}>
            {t('organisation.edit')}
          </button>
        </p>
      )}
    </section>
  );
}

export function ProfileForm({ organisation, onSaved, onCancel }: { organisation: Organisation; onSaved: (next: Organisation, proposed: boolean) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(organisation.name);
  const [type, setType] = useState<OrganisationType>(organisation.type);
  const [enterpriseNumber, setEnterpriseNumber] = useState(organisation.enterpriseNumber ?? '');
  const [workDomains, setWorkDomains] = useState<WorkDomain[]>(organisation.workDomains);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const held = organisation.status === 'active'; // a new name or number waits for the hub admin
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim().length < 2) found.name = t('organisation.rules.name');
    if (enterpriseNumber.trim() && !ENTERPRISE_NUMBER.test(enterpriseNumber.trim())) found.enterpriseNumber = t('organisation.rules.enterpriseNumber');
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { name: name.trim(), type, enterpriseNumber: enterpriseNumber.trim() || null, workDomains };
    const saved = await run(() => ok(api.PATCH('/api/v1/organisations/{id}', { params: { path: { id: organisation.id } }, body })));
    if (saved) onSaved(saved, saved.proposedChange !== null && saved.proposedChange?.proposedAt !== organisation.proposedChange?.proposedAt);
    else refused();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('organisation.edit')}>
      <ProblemAlert problem={problem} />
      {held ? <p className="hint">{t('organisation.heldHint')}</p> : null}
      <TextField label={t('register.orgName')} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name ?? fieldError('name')} />
      <SelectField label={t('register.type')} value={type} options={TYPES.map((v) => ({ value: v, label: t(`organisationType.${v}`) }))} onChange={(e) => setType(e.target.value as OrganisationType)} error={fieldError('type')} />
      <TextField label={t('register.enterpriseNumber')} hint={t('register.enterpriseNumberHint')} value={enterpriseNumber} onChange={(e) => setEnterpriseNumber(e.target.value)} error={errors.enterpriseNumber ?? fieldError('enterpriseNumber')} />
      <CheckboxGroup legend={t('register.workDomains')} options={WORK_DOMAINS.map((d) => ({ value: d, label: t(`workDomain.${d}`) }))} value={workDomains} onChange={setWorkDomains} error={fieldError('workDomains')} />
      <p className="actions">
        <button type="submit" disabled={pending}>
          {t('organisation.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('organisation.cancel')}
        </button>
      </p>
    </form>
  );
}
