import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ApiProblem } from '../api/problem';
import { Outcome, TextArea, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { HUB } from '../hub';
import { DATE_ONLY } from '../i18n/i18n';
import { useSession } from '../session/session';

type Charter = Schemas['CharterView'];

/** The shortest charter text the API takes, in each language. */
export const CHARTER_MIN = 20;

/**
 * For hub admins: the charter as it stands (its version and day) and a new version published in
 * both languages, starting from the current text.
 */
export function CharterAdminPage() {
  const { t } = useTranslation();
  const admin = useSession().me?.person.hubRoles.includes('hub_admin') ?? false;
  /** undefined while asked; null when the hub has published none. */
  const [current, setCurrent] = useState<Charter | null | undefined>(undefined);
  const { run, problem } = useAction();
  useEffect(() => {
    if (!admin) return;
    void run(() =>
      ok(api.GET('/api/v1/charters/current', { params: { query: { hub: HUB } } })).catch((error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }),
    ).then((found) => found !== undefined && setCurrent(found));
  }, [admin, run]);
  if (!admin) {
    return (
      <Page title={t('charterPublish.page')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('charterPublish.page')}>
      <Outcome problem={problem} />
      {current === undefined && !problem ? <Loading /> : null}
      {current === null ? <p>{t('charterPublish.none')}</p> : null}
      {current ? <p>{t('charterPublish.current', { version: current.version, at: new Date(current.publishedAt), ...DATE_ONLY })}</p> : null}
      {current !== undefined ? <CharterPublishing from={current} onPublished={setCurrent} /> : null}
    </Page>
  );
}

/** A new charter version, in both languages, from the current text; every partner is asked to sign it again. */
export function CharterPublishing({ from, onPublished }: { from: Charter | null; onPublished: (charter: Charter) => void }) {
  const { t } = useTranslation();
  const [nl, setNl] = useState(from?.text.nl ?? '');
  const [en, setEn] = useState(from?.text.en ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [published, setPublished] = useState<number | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPublished(null);
    const found: Record<string, string> = {};
    if (nl.trim().length < CHARTER_MIN) found.nl = t('charterPublish.rule');
    if (en.trim().length < CHARTER_MIN) found.en = t('charterPublish.rule');
    if (!found.nl && !found.en && from && nl.trim() === from.text.nl.trim() && en.trim() === from.text.en.trim()) found.nl = t('charterPublish.unchanged');
    setErrors(found);
    if (Object.keys(found).length) return;
    const charter = await run(() => ok(api.POST('/api/v1/charters', { body: { text: { nl: nl.trim(), en: en.trim() } } })));
    if (charter) {
      setPublished(charter.version);
      onPublished(charter);
    }
  };
  return (
    <section aria-labelledby="charter-publish">
      <h2 id="charter-publish">{t('charterPublish.title')}</h2>
      <p>{t('charterPublish.intro')}</p>
      <Outcome message={published ? t('charterPublish.done', { version: published }) : null} problem={problem} />
      <form onSubmit={submit} noValidate>
        <TextArea label={t('charterPublish.nl')} rows={8} lang="nl-BE" required value={nl} onChange={(e) => setNl(e.target.value)} error={errors.nl ?? fieldError('text.nl')} />
        <TextArea label={t('charterPublish.en')} rows={8} lang="en" required value={en} onChange={(e) => setEn(e.target.value)} error={errors.en ?? fieldError('text.en')} />
        <button type="submit" disabled={pending}>
          {t('charterPublish.publish')}
        </button>
      </form>
    </section>
  );
}
