import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { barOption } from '../charts/bar-option';
import { Chart } from '../charts/chart';
import { FigureValue } from '../charts/figure';
import { DATE_TIME } from '../i18n/i18n';

type Statistics = Schemas['PublicStatisticsView'];

/** The hub's headline figures from reporting's public statistics (always suppressed): figures, a chart of the ideas per domain, and tables a screen reader reads as such. */
export function HubFigures({ statistics }: { statistics: Statistics }) {
  const { t } = useTranslation();
  const { ideas } = statistics;
  const option = useMemo(
    () =>
      barOption(t, {
        categories: ideas.rows.map((row) => t(`workDomain.${row.workDomain}`, { defaultValue: row.workDomain })),
        series: [{ name: t('figures.ideas'), figures: ideas.rows.map((row) => row.total) }],
        horizontal: true,
      }),
    [ideas, t],
  );
  return (
    <section aria-labelledby="home-figures">
      <h2 id="home-figures">{t('figures.title', { year: statistics.year })}</h2>
      <dl className="figures">
        <div>
          <dt>{t('figures.jobs')}</dt>
          <dd>
            <FigureValue figure={statistics.jobsCreated} />
          </dd>
        </div>
        <div>
          <dt>{t('figures.socialJobs')}</dt>
          <dd>
            <FigureValue figure={statistics.socialEconomyJobs} />
          </dd>
        </div>
        <div>
          <dt>{t('figures.ideas')}</dt>
          <dd>
            <FigureValue figure={ideas.total} />
          </dd>
        </div>
      </dl>
      {ideas.rows.length ? <Chart option={option} tall /> : null}
      <div className="tables">
        <table>
          <caption>{t('figures.byStage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.stage')}</th>
              <th scope="col">{t('figures.count')}</th>
            </tr>
          </thead>
          <tbody>
            {ideas.stages.map((stage, i) => (
              <tr key={stage}>
                <th scope="row">{t(`stage.${stage}`)}</th>
                <td>{ideas.byStage[i] ? <FigureValue figure={ideas.byStage[i]} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t('figures.byDomain')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('figures.domain')}</th>
              <th scope="col">{t('figures.count')}</th>
            </tr>
          </thead>
          <tbody>
            {ideas.rows.map((row) => (
              <tr key={row.workDomain}>
                <th scope="row">{t(`workDomain.${row.workDomain}`, { defaultValue: row.workDomain })}</th>
                <td>
                  <FigureValue figure={row.total} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('figures.rules', { at: new Date(statistics.computedAt), ...DATE_TIME })}</p>
    </section>
  );
}
