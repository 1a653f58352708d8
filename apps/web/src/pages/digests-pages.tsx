import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { FigureValue } from '../charts/figure';
import { ProblemAlert, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_ONLY, DATE_TIME } from '../i18n/i18n';
import { Link } from '../router';

type Digest = Schemas['CityDigestView'];
type DigestFigures = Digest['figures']['week']['figures'];

const FIGURES: (keyof DigestFigures)[] = ['jobsCreated', 'socialEconomyJobs', 'fte', 'participantsEntered', 'participantsLeft'];

/** The archive of the weekly city digests (city staff, hub admins), newest first. */
export function DigestsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Schemas['CityDigestSummary'][] | null>(null);
  const { run, problem } = useAction();
  useEffect(() => void run(() => ok(api.GET('/api/v1/digests'))).then((list) => list && setItems(list.items)), [run]);
  return (
    <Page title={t('digests.title')}>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('digests.empty')}</p> : null}
      {items?.length ? (
        <ul className="cards">
          {items.map((d) => (
            <li key={d.id}>
              <h2>
                <Link href={`/digests/${d.id}`}>{t('digests.week', { week: d.week })}</Link>
              </h2>
              <p className="muted">{t('digests.sent', { at: new Date(d.createdAt), ...DATE_TIME })}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

/** One digest as it was sent: the week's figures and the year's so far, suppressed as they were. */
export function DigestPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [digest, setDigest] = useState<Digest | null>(null);
  const { run, problem } = useAction();
  useEffect(() => void run(() => ok(api.GET('/api/v1/digests/{id}', { params: { path: { id } } }))).then((found) => found && setDigest(found)), [id, run]);
  const { week, yearToDate } = digest?.figures ?? {};
  return (
    <Page title={digest ? t('digests.week', { week: digest.week }) : t('digests.title')}>
      <p>
        <Link href="/digests">{t('digests.back')}</Link>
      </p>
      <ProblemAlert problem={problem} />
      {digest === null && !problem ? <Loading /> : null}
      {digest && week && yearToDate ? (
        <>
          <p className="muted">{t('digests.sent', { at: new Date(digest.createdAt), ...DATE_TIME })}</p>
          <table>
            <caption>{t('digests.figures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('digests.figure')}</th>
                <th scope="col">{t('digests.thisWeek', { from: new Date(week.from), to: new Date(week.to), ...PERIOD })}</th>
                <th scope="col">{t('digests.yearToDate', { from: new Date(yearToDate.from), to: new Date(yearToDate.to), ...PERIOD })}</th>
              </tr>
            </thead>
            <tbody>
              {FIGURES.map((key) => (
                <tr key={key}>
                  <th scope="row">{t(`digests.${key}`)}</th>
                  <td>
                    <FigureValue figure={week.figures[key]} digits={1} />
                  </td>
                  <td>
                    <FigureValue figure={yearToDate.figures[key]} digits={1} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('digests.rules')}</p>
        </>
      ) : null}
    </Page>
  );
}

const PERIOD = { formatParams: { from: DATE_ONLY.formatParams.at, to: DATE_ONLY.formatParams.at } };
