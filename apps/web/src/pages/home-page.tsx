import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Page } from '../components/page';
import { HUB } from '../hub';
import { currentLanguage, DATE_ONLY } from '../i18n/i18n';
import { WORK_DOMAINS } from '../ideas/idea-rules';
import { Link } from '../router';
import { useSession } from '../session/session';
import { HubFigures } from './hub-figures';

/** The hub's public page: what it is and does, its headline figures, its charter, and how to join. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { status } = useSession();
  const [charter, setCharter] = useState<Schemas['CharterView'] | 'none' | null>(null);
  const [statistics, setStatistics] = useState<Schemas['PublicStatisticsView'] | null>(null);
  useEffect(() => {
    ok(api.GET('/api/v1/charters/current', { params: { query: { hub: HUB } } })).then(setCharter, () => setCharter('none'));
    // Without figures yet (none computed, reporting unreachable) the page goes without them.
    ok(api.GET('/api/v1/statistics/public', { params: { query: { hub: HUB } } })).then(setStatistics, () => setStatistics(null));
  }, []);
  const language = currentLanguage(i18n.language);
  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.lead')}</p>
      <section aria-labelledby="home-what">
        <h2 id="home-what">{t('home.whatTitle')}</h2>
        <p>{t('home.what')}</p>
        <ul className="tags">
          {WORK_DOMAINS.map((d) => (
            <li key={d}>{t(`workDomain.${d}`)}</li>
          ))}
        </ul>
        <p>{t('home.how')}</p>
      </section>
      {statistics ? <HubFigures statistics={statistics} /> : null}
      {status !== 'authenticated' ? (
        <p className="actions">
          <Link className="button" href="/register">
            {t('home.join')}
          </Link>
          <Link href="/login">{t('home.haveAccount')}</Link>
        </p>
      ) : null}
      <section aria-labelledby="home-charter">
        <h2 id="home-charter">{t('home.charterTitle')}</h2>
        {charter === null ? null : charter === 'none' ? (
          <p>{t('home.noCharter')}</p>
        ) : (
          <>
            <p className="muted">{t('home.charterVersion', { version: charter.version, at: new Date(charter.publishedAt), ...DATE_ONLY })}</p>
            <div className="charter-text">{charter.text[language]}</div>
          </>
        )}
      </section>
    </Page>
  );
}
