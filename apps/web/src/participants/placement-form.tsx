import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { brusselsToday } from '../coaching/brussels-time';
import { useCursorList } from '../components/cursor-list';
import { SelectField, TextField, useFocusFirstInvalid } from '../components/form';
import { MoreButton } from '../components/more-button';

export type NewPlacement = paths['/api/v1/participants/{id}/placements']['post']['requestBody']['content']['application/json'];
type Sector = Schemas['PlacementView']['sector'];
type ContractType = Schemas['PlacementView']['contractType'];

const SECTORS: Sector[] = ['regular', 'social'];
const CONTRACTS: ContractType[] = ['permanent', 'temporary', 'art_60', 'local_service_economy', 'custom_work', 'traineeship', 'other'];

/** The hub's ideas, 100 at a time (a draft brings no jobs: left out of the choice). */
const readIdeas = (cursor?: string) => ok(api.GET('/api/v1/ideas', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
/** Active organisations whose name holds what was typed (the API's search), the first 50 by name. */
const findEmployers = (q: string) => ok(api.GET('/api/v1/organisations', { params: { query: { status: 'active', q, limit: 50 } } }));

/**
 * A job found through an idea: which idea, which employer, what kind of job and from when — what the
 * job figures count, each saying why. The ideas come 100 at a time with "more"; the employer is
 * searched by name among the hub's active organisations (however many there are).
 */
export function PlacementForm({ onSave, pending, serverError }: { onSave: (body: NewPlacement) => void; pending: boolean; serverError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const ideaList = useCursorList(readIdeas);
  const ideas = (ideaList.items ?? []).filter((i) => i.stage !== 'draft');
  const [employerQuery, setEmployerQuery] = useState('');
  /** The organisations found (null: not searched yet). */
  const [employers, setEmployers] = useState<Schemas['OrganisationView'][] | null>(null);
  const [ideaId, setIdeaId] = useState('');
  const [employerId, setEmployerId] = useState('');
  const [sector, setSector] = useState<Sector>('social');
  const [contractType, setContractType] = useState<ContractType>('art_60');
  const [hours, setHours] = useState('');
  const [startDate, setStartDate] = useState(brusselsToday());
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const { load: loadIdeas } = ideaList;
  useEffect(() => void loadIdeas(), [loadIdeas]);
  const searchEmployers = () => {
    const q = employerQuery.trim();
    if (!q) return;
    setEmployerId('');
    findEmployers(q).then(
      (page) => {
        setEmployers(page.items);
        if (page.items.length === 1) setEmployerId(page.items[0].id);
      },
      () => setEmployers([]),
    );
  };
  /** Enter in the search field searches (it does not send the whole form). */
  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    searchEmployers();
  };
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
      <SelectField label={t('placements.idea')} hint={t('placements.why.idea')} required error={error('ideaId')} value={ideaId} onChange={(e) => setIdeaId(e.target.value)} options={[...choose(t('placements.choose')), ...ideas.map((i) => ({ value: i.id, label: i.title }))]} />
      <MoreButton list={ideaList} label={t('placements.moreIdeas')} />
      <div className="period">
        <TextField label={t('placements.employerSearch')} hint={t('placements.employerSearchHint')} autoComplete="off" maxLength={100} value={employerQuery} onChange={(e) => setEmployerQuery(e.target.value)} onKeyDown={searchOnEnter} />
        <button type="button" className="secondary" onClick={searchEmployers}>
          {t('placements.employerFind')}
        </button>
      </div>
      <p role="status" className="hint">
        {employers === null ? null : employers.length ? t('placements.employersFound', { count: employers.length }) : t('placements.noEmployerFound')}
      </p>
      <SelectField label={t('placements.employer')} required error={error('employerOrganisationId')} value={employerId} onChange={(e) => setEmployerId(e.target.value)} options={[...choose(t('placements.choose')), ...(employers ?? []).map((o) => ({ value: o.id, label: o.name }))]} />
      <SelectField label={t('placements.sector')} hint={t('placements.why.sector')} value={sector} onChange={(e) => setSector(e.target.value as Sector)} options={SECTORS.map((s) => ({ value: s, label: t(`placements.sectors.${s}`) }))} />
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
      <SelectField label={t('placements.sector')} hint={t('placements.why.sector')} value={sector} onChange={(e) => setSector(e.target.value as Sector)} options={SECTORS.map((s) => ({ value: s, label: t(`placements.sectors.${s}`) }))} />
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
