import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Outcome, SelectField, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Loading, Page } from '../components/page';
import { useSession } from '../session/session';

type Unit = 'minutes' | 'hours' | 'days';
const MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };
export interface LeadDraft {
  amount: string;
  unit: Unit;
}
const MIN_LEAD = 5;
const MAX_LEAD = 14 * 1440;
const MAX_REMINDERS = 5;

/** A lead time in minutes as the largest whole unit (1440 → 1 day, 90 → 90 minutes). */
export function toDraft(minutes: number): LeadDraft {
  const unit: Unit = minutes % MINUTES.days === 0 ? 'days' : minutes % MINUTES.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / MINUTES[unit]), unit };
}

/** The rules of the API (5 minutes to 14 days each, whole minutes) and one more: no time twice. Index → rule broken. */
export function reminderRules(drafts: LeadDraft[]): Record<number, 'range' | 'twice'> {
  const errors: Record<number, 'range' | 'twice'> = {};
  const seen = new Set<number>();
  drafts.forEach((d, i) => {
    const minutes = leadMinutes(d);
    if (minutes === null || minutes < MIN_LEAD || minutes > MAX_LEAD) errors[i] = 'range';
    else if (seen.has(minutes)) errors[i] = 'twice';
    else seen.add(minutes);
  });
  return errors;
}
export function leadMinutes(draft: LeadDraft): number | null {
  return /^\d{1,5}$/.test(draft.amount.trim()) ? Number(draft.amount) * MINUTES[draft.unit] : null;
}

/** For hub admins: how long before a coaching session its reminders go out (one to five times). */
export function RemindersPage() {
  const { t } = useTranslation();
  const admin = useSession().me?.person.hubRoles.includes('hub_admin') ?? false;
  const [drafts, setDrafts] = useState<LeadDraft[] | null>(null);
  const [isDefault, setIsDefault] = useState(false);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  useEffect(() => {
    if (!admin) return;
    void run(() => ok(api.GET('/api/v1/reminder-settings'))).then((settings) => {
      if (!settings) return;
      setDrafts(settings.sessionLeadMinutes.map(toDraft));
      setIsDefault(settings.isDefault);
    });
  }, [admin, run]);
  if (!admin) {
    return (
      <Page title={t('reminders.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const set = (i: number, change: Partial<LeadDraft>) => setDrafts((list) => list?.map((d, j) => (j === i ? { ...d, ...change } : d)) ?? null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!drafts) return;
    setMessage(null);
    const found = reminderRules(drafts);
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const sessionLeadMinutes = drafts.map((d) => leadMinutes(d) as number).sort((a, b) => b - a);
    const saved = await run(() => ok(api.PUT('/api/v1/reminder-settings', { body: { sessionLeadMinutes } })));
    if (saved) {
      setDrafts(saved.sessionLeadMinutes.map(toDraft));
      setIsDefault(saved.isDefault);
      setMessage(t('reminders.saved'));
    } else refused();
  };
  const units = (['minutes', 'hours', 'days'] as const).map((u) => ({ value: u, label: t(`reminders.units.${u}`) }));
  return (
    <Page title={t('reminders.title')}>
      <p>{t('reminders.intro')}</p>
      <Outcome message={message} problem={problem} />
      {drafts === null && !problem ? <Loading /> : null}
      {drafts ? (
        <form ref={form} onSubmit={submit} noValidate>
          {isDefault ? <p className="muted">{t('reminders.isDefault')}</p> : null}
          {drafts.map((d, i) => (
            <fieldset key={i} className="field">
              <legend>{t('reminders.reminder', { n: i + 1 })}</legend>
              <TextField
                label={t('reminders.amount')}
                inputMode="numeric"
                value={d.amount}
                onChange={(e) => set(i, { amount: e.target.value })}
                error={errors[i] ? t(`reminders.rules.${errors[i]}`) : fieldError(`sessionLeadMinutes.${i}`)}
                required
              />
              <SelectField label={t('reminders.unit')} value={d.unit} onChange={(e) => set(i, { unit: e.target.value as Unit })} options={units} />
              {drafts.length > 1 ? (
                <button type="button" className="secondary" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  {t('reminders.remove', { n: i + 1 })}
                </button>
              ) : null}
            </fieldset>
          ))}
          <p className="actions">
            {drafts.length < MAX_REMINDERS ? (
              <button type="button" className="secondary" onClick={() => setDrafts([...drafts, { amount: '', unit: 'hours' }])}>
                {t('reminders.add')}
              </button>
            ) : null}
            <button type="submit" disabled={pending}>
              {pending ? t('app.saving') : t('reminders.save')}
            </button>
          </p>
        </form>
      ) : null}
    </Page>
  );
}
