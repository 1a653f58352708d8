import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { CheckboxGroup, ProblemAlert, SelectField, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Page } from '../components/page';
import { HUB } from '../hub';
import { useLanguage } from '../i18n/i18n';
import { WORK_DOMAINS, type WorkDomain } from '../ideas/idea-rules';
import { Link } from '../router';

type OrganisationType = Schemas['OrganisationView']['type'];
const TYPES: OrganisationType[] = ['social', 'regular', 'startup', 'citizen', 'knowledge', 'public'];
export const PASSWORD_MIN = 10;

/** Registers an organisation with its first person; the API mails a confirmation link. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { run, pending, problem, fieldError } = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const { form: formRef, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const [form, setForm] = useState({ orgName: '', type: 'social' as OrganisationType, enterpriseNumber: '', workDomains: [] as WorkDomain[], name: '', email: '', password: '' });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  const rules: Record<string, string | undefined> = {
    'organisation.name': form.orgName.trim().length < 2 ? t('register.rules.name') : undefined,
    'person.name': form.name.trim().length < 2 ? t('register.rules.name') : undefined,
    'person.email': /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email.trim()) ? undefined : t('register.rules.email'),
    'person.password': form.password.length < PASSWORD_MIN ? t('register.rules.password', { count: PASSWORD_MIN }) : undefined,
  };
  const error = (field: string) => (checked ? rules[field] : undefined) ?? fieldError(field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.values(rules).some(Boolean)) return refused();
    const organisation = { name: form.orgName.trim(), type: form.type, workDomains: form.workDomains, ...(form.enterpriseNumber.trim() ? { enterpriseNumber: form.enterpriseNumber.trim() } : {}) };
    const person = { name: form.name.trim(), email: form.email.trim(), password: form.password, language };
    const received = await run(() => ok(api.POST('/api/v1/registrations', { body: { hub: HUB, organisation, person } })));
    if (received) setSentTo(received.email);
    else refused();
  };

  if (sentTo) {
    return (
      <Page title={t('register.sentTitle')}>
        <p role="status">{t('register.sent', { email: sentTo })}</p>
      </Page>
    );
  }
  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      <form ref={formRef} onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} />
        <fieldset>
          <legend>{t('register.organisation')}</legend>
          <TextField label={t('register.orgName')} required autoComplete="organization" value={form.orgName} error={error('organisation.name')} onChange={(e) => set({ orgName: e.target.value })} />
          <SelectField label={t('register.type')} value={form.type} error={error('organisation.type')} options={TYPES.map((v) => ({ value: v, label: t(`organisationType.${v}`) }))} onChange={(e) => set({ type: e.target.value as OrganisationType })} />
          <TextField label={t('register.enterpriseNumber')} hint={t('register.enterpriseNumberHint')} value={form.enterpriseNumber} error={error('organisation.enterpriseNumber')} onChange={(e) => set({ enterpriseNumber: e.target.value })} />
          <CheckboxGroup legend={t('register.workDomains')} options={WORK_DOMAINS.map((d) => ({ value: d, label: t(`workDomain.${d}`) }))} value={form.workDomains} error={error('organisation.workDomains')} onChange={(workDomains) => set({ workDomains })} />
        </fieldset>
        <fieldset>
          <legend>{t('register.person')}</legend>
          <TextField label={t('register.name')} required autoComplete="name" value={form.name} error={error('person.name')} onChange={(e) => set({ name: e.target.value })} />
          <TextField label={t('register.email')} required type="email" autoComplete="email" value={form.email} error={error('person.email')} onChange={(e) => set({ email: e.target.value })} />
          <TextField label={t('register.password')} required type="password" autoComplete="new-password" hint={t('register.passwordHint', { count: PASSWORD_MIN })} value={form.password} error={error('person.password')} onChange={(e) => set({ password: e.target.value })} />
        </fieldset>
        <button type="submit" disabled={pending}>
          {pending ? t('app.sending') : t('register.submit')}
        </button>
      </form>
      <p>
        <Link href="/login">{t('home.haveAccount')}</Link>
      </p>
    </Page>
  );
}
