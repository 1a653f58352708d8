import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { brusselsToday } from '../coaching/brussels-time';
import { SelectField, TextField, useFocusFirstInvalid } from '../components/form';

export type NewPlacement = paths['/api/v1/participants/{id}/placements']['post']['requestBody']['content']['application/json'];
type Sector = Schemas['PlacementView']['sector'];
type ContractType = Schemas['PlacementView']['contractType'];

const SECTORS: Sector[] = ['regular', 'social'];
const CONTRACTS: ContractType[] = ['permanent', 'temporary', 'art_60', 'local_service_economy', 'custom_work', 'traineeship', 'other'];

/** A job found through an idea: which idea, which employer, what kind of job and from when — what the job figures count, each saying why. */
export function PlacementForm({ onSave, pending, serverError }: { onSave: (body: NewPlacement) => void; pending: boolean; serverError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const [ideas, setIdeas] = useState<Schemas['IdeaSummaryView'][]>([]);
  const [employers, setEmployers] = useState<Schemas['OrganisationView'][]>([]);
  const [ideaId, setIdeaId] = useState('');
  const [employerId, setEmployerId] = useState('');
  const [sector, setSector] = useState<Sector>('social');
  const [contractType, setContractType] = useState<ContractType>('art_60');
  const [hours, setHours] = useState('');
  const [startDate, setStartDate] = useState(brusselsToday());
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  useEffect(() => {
    ok(api.GET('/api/v1/ideas', { params: { query: { limit: 100 } } })).then((page) => setIdeas(page.items.filter((i) => i.stage !== 'draft')), () => setIdeas([]));
    ok(api.GET('/api/v1/organisations', { params: { query: { status: 'active', limit: 100 } } })).then((page) => setEmployers(page.items), () => setEmployers([]));
  }, []);
  const error = (field: string) => (errors[field] ? t(`placements.rules.${errors[field]}`) : serverError(field));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!ideaId) found.ideaId = 'ideaNeeded';
    if (!employerId) found.employerOrganisationId = 'employerNeeded';
    const h = Number(hours.replace(',', '.'));
    if (!hours || !(h > 0 && h <= 60)) found.hoursPerWeek = 'hours';
    if (!startDate) found.startDate = 'startNeeded';
    if (endDate && startDate && endDate < startDate) found.endDate = 'endBeforeStart';
    setErrors(found);
    if (Object.keys(found).length) return refused();
    onSave({ ideaId, employerOrganisationId: employerId, sector, contractType, hoursPerWeek: h, startDate, endDate: endDate || null });
  };
  const choose = (label: string) => [{ value: '', label }];
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <SelectField label={t('placements.idea')} error={error('ideaId')} value={ideaId} onChange={(e) => setIdeaId(e.target.value)} options={[...choose(t('placements.choose')), ...ideas.map((i) => ({ value: i.id, label: i.title }))]} />
      <p className="hint">{t('placements.why.idea')}</p>
      <SelectField label={t('placements.employer')} error={error('employerOrganisationId')} value={employerId} onChange={(e) => setEmployerId(e.target.value)} options={[...choose(t('placements.choose')), ...employers.map((o) => ({ value: o.id, label: o.name }))]} />
      <SelectField label={t('placements.sector')} value={sector} onChange={(e) => setSector(e.target.value as Sector)} options={SECTORS.map((s) => ({ value: s, label: t(`placements.sectors.${s}`) }))} />
      <p className="hint">{t('placements.why.sector')}</p>
      <SelectField label={t('placements.contract')} value={contractType} onChange={(e) => setContractType(e.target.value as ContractType)} options={CONTRACTS.map((c) => ({ value: c, label: t(`placements.contracts.${c}`) }))} />
      <TextField label={t('placements.hours')} hint={t('placements.why.hours')} inputMode="decimal" required value={hours} onChange={(e) => setHours(e.target.value)} error={error('hoursPerWeek')} />
      <TextField label={t('placements.start')} hint={t('placements.why.start')} type="date" required value={startDate} onChange={(e) => setStartDate(e.target.value)} error={error('startDate')} />
      <TextField label={t('placements.end')} hint={t('placements.why.end')} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} error={error('endDate')} />
      <p className="actions">
        <button type="submit" disabled={pending}>
          {t('placements.save')}
        </button>
      </p>
    </form>
  );
}

export type PlacementChanges = paths['/api/v1/placements/{id}']['patch']['requestBody']['content']['application/json'];

/** Changes a job: its economy, contract, hours or end (the idea, employer and start stay: a different one is another job). */
export function PlacementEditForm({ placement, onSave, onCancel, pending, serverError }: {
  placement: Schemas['PlacementView'];
  onSave: (changes: PlacementChanges) => void;
  onCancel: () => void;
  pending: boolean;
  serverError: (field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [sector, setSector] = useState<Sector>(placement.sector);
  const [contractType, setContractType] = useState<ContractType>(placement.contractType);
  const [hours, setHours] = useState(new Intl.NumberFormat(i18n.language, { useGrouping: false, maximumFractionDigits: 2 }).format(placement.hoursPerWeek));
  const [endDate, setEndDate] = useState(placement.endDate ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const error = (field: string) => (errors[field] ? t(`placements.rules.${errors[field]}`) : serverError(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const h = Number(hours.replace(',', '.'));
    if (!hours || !(h > 0 && h <= 60)) found.hoursPerWeek = 'hours';
    if (endDate && endDate < placement.startDate) found.endDate = 'endBeforeStart';
    setErrors(found);
    if (Object.keys(found).length) return refused();
    onSave({ sector, contractType, hoursPerWeek: h, endDate: endDate || null });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('placements.edit')}>
      <SelectField label={t('placements.sector')} value={sector} onChange={(e) => setSector(e.target.value as Sector)} options={SECTORS.map((s) => ({ value: s, label: t(`placements.sectors.${s}`) }))} />
      <p className="hint">{t('placements.why.sector')}</p>
      <SelectField label={t('placements.contract')} value={contractType} onChange={(e) => setContractType(e.target.value as ContractType)} options={CONTRACTS.map((c) => ({ value: c, label: t(`placements.contracts.${c}`) }))} />
      <TextField label={t('placements.hours')} hint={t('placements.why.hours')} inputMode="decimal" required value={hours} onChange={(e) => setHours(e.target.value)} error={error('hoursPerWeek')} />
      <TextField label={t('placements.end')} hint={t('placements.why.endChange')} type="date" min={placement.startDate} value={endDate} onChange={(e) => setEndDate(e.target.value)} error={error('endDate')} />
      <p className="actions">
        <button type="submit" disabled={pending}>
          {t('placements.saveChange')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('placements.cancel')}
        </button>
      </p>
    </form>
  );
}
