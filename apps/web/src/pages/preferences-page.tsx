import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, useAction } from '../components/form';
import { Loading, Page } from '../components/page';

type Preference = Schemas['NotificationPreferenceView'];
type Rhythm = Preference['email'];
const RHYTHMS: Rhythm[] = ['immediate', 'daily', 'weekly', 'off'];

/** What a person is told of, per category: in the app or not, by e-mail at once, in a daily or weekly digest, or not. Categories that cannot be switched off say so. */
export function PreferencesForm({ initial, onSave, pending }: { initial: Preference[]; onSave: (preferences: Omit<Preference, 'canSwitchOff'>[]) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [items, setItems] = useState(initial);
  useEffect(() => setItems(initial), [initial]);
  const change = (category: Preference['category'], patch: Partial<Preference>) => setItems((list) => list.map((p) => (p.category === category ? { ...p, ...patch } : p)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(items.filter((p) => p.canSwitchOff).map(({ category, inApp, email }) => ({ category, inApp, email })));
  };
  return (
    <form onSubmit={submit} noValidate>
      {items.map((p) => (
        <fieldset key={p.category} className="preference">
          <legend>{t(`preferences.category.${p.category}`)}</legend>
          {p.canSwitchOff ? null : <p className="hint">{t('preferences.locked')}</p>}
          <label className="checkbox">
            <input type="checkbox" checked={p.inApp} disabled={!p.canSwitchOff} onChange={(e) => change(p.category, { inApp: e.target.checked })} />
            {t('preferences.inApp')}
          </label>
          <div className="field">
            <label htmlFor={`email-${p.category}`}>{t('preferences.email')}</label>
            <select id={`email-${p.category}`} value={p.email} disabled={!p.canSwitchOff} onChange={(e) => change(p.category, { email: e.target.value as Rhythm })}>
              {RHYTHMS.map((r) => (
                <option key={r} value={r}>
                  {t(`preferences.rhythm.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      ))}
      <p className="actions">
        <button type="submit" disabled={pending || !items.some((p) => p.canSwitchOff)}>
          {pending ? t('app.saving') : t('preferences.save')}
        </button>
      </p>
    </form>
  );
}

export function PreferencesPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Preference[] | null>(null);
  const [saved, setSaved] = useState(false);
  const { run, pending, problem } = useAction();
  useEffect(() => void run(() => ok(api.GET('/api/v1/me/notification-preferences'))).then((found) => found && setItems(found.items)), [run]);
  const save = async (preferences: Omit<Preference, 'canSwitchOff'>[]) => {
    setSaved(false);
    const answer = await run(() => ok(api.PUT('/api/v1/me/notification-preferences', { body: { preferences } })));
    if (answer) {
      setItems(answer.items);
      setSaved(true);
    }
  };
  return (
    <Page title={t('preferences.title')}>
      <p>{t('preferences.intro')}</p>
      <Outcome message={saved ? t('preferences.saved') : null} problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items ? <PreferencesForm initial={items} onSave={save} pending={pending} /> : null}
    </Page>
  );
}
