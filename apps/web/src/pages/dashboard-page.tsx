import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { barOption } from '../charts/bar-option';
import { Chart, CHART_COLOURS, preloadCharts, type ChartOption } from '../charts/chart';
import { chartValue, FigureValue } from '../charts/figure';
import { ProblemAlert, SelectField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { HUB } from '../hub';
import { DATE_TIME, TIME_ZONE } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';

type Statistics = Schemas['StatisticsView'];
type Figure = Schemas['SuppressibleFigure'];
type Target = Schemas['TargetView'];
type Stage = Schemas['PublicStatisticsView']['ideas']['stages'][number];

/** The stages an idea moves through, in order: the funnel (parked and withdrawn ideas left the pipeline). */
const PIPELINE: Stage[] = ['submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched'];

export interface DashboardData {
  year: number;
  /** One per month of the year so far: jobs by sector (regular, social). */
  months: Statistics[];
  byDomain: Statistics;
  pipeline: Schemas['PublicStatisticsView'];
  targets: Target[];
}

/** This year in Brussels, and the months of `year` that have begun. */
function thisYearAndMonth(): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  return { year, month };
}

async function loadDashboard(year: number): Promise<DashboardData> {
  const now = thisYearAndMonth();
  const monthCount = year < now.year ? 12 : now.month;
  const statistics = (period: string, groupBy: Statistics['groupBy']) => ok(api.GET('/api/v1/statistics', { params: { query: { period, groupBy } } }));
  const [months, byDomain, pipeline, targets] = await Promise.all([
    Promise.all(Array.from({ length: monthCount }, (_, i) => statistics(`${year}-${String(i + 1).padStart(2, '0')}`, 'sector'))),
    statistics(String(year), 'workDomain'),
    ok(api.GET('/api/v1/statistics/public', { params: { query: { hub: HUB } } })),
    ok(api.GET('/api/v1/targets')),
  ]);
  return { year, months, byDomain, pipeline, targets: targets.items };
}

/** City staff's (and hub admins') dashboard: jobs per month and per domain, regular versus social economy, the idea pipeline and the targets; suppressed as reporting serves it to the reader. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const allowed = me?.person.hubRoles.some((role) => role === 'city_staff' || role === 'hub_admin');
  const [year, setYear] = useState(() => thisYearAndMonth().year);
  const [data, setData] = useState<DashboardData | null>(null);
  const { run, problem } = useAction();
  useEffect(() => {
    if (!allowed) return;
    preloadCharts();
    setData(null);
    void run(() => loadDashboard(year)).then((loaded) => loaded && setData(loaded));
  }, [allowed, year, run]);

  if (!allowed) {
    return (
      <Page title={t('dashboard.title')}>
        <p>{t('dashboard.only')}</p>
      </Page>
    );
  }
  const current = thisYearAndMonth().year;
  return (
    <Page title={t('dashboard.title')} wide>
      <div className="period">
        <SelectField
          label={t('dashboard.year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          options={[current, current - 1, current - 2].map((y) => ({ value: String(y), label: String(y) }))}
        />
        <p>
          <Link href="/digests">{t('digests.title')}</Link>
        </p>
      </div>
      <ProblemAlert problem={problem} />
      {data === null && !problem ? <Loading /> : null}
      {data ? <DashboardFigures data={data} /> : null}
    </Page>
  );
}

const WITHHELD = { value: null, suppressed: true };

/** The dashboard's four parts, each a chart (for the eye) beside a table with the same figures (for everyone). */
export function DashboardFigures({ data }: { data: DashboardData }) {
  const { t, i18n } = useTranslation();
  const monthName = (index: number) => new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(data.year, index, 15));
  const sector = (s: Statistics, group: 'regular' | 'social') => s.rows.find((row) => row.group === group)?.jobs;
  // A sector with no row had no jobs that month (absent, not withheld); a withheld one hides the split, since the other sector and the total would give it away.
  const splitHidden = (s: Statistics) => [sector(s, 'regular'), sector(s, 'social')].some((f) => f?.suppressed);
  const computedAt = data.byDomain.computedAt;
  const target = data.targets.find((item) => item.period === String(data.year));
  const pipeline = data.pipeline.ideas;
  const stageFigure = (stage: Stage) => pipeline.byStage[pipeline.stages.indexOf(stage)];

  const monthsOption = useMemo(
    () =>
      barOption(t, {
        categories: data.months.map((_, i) => monthName(i)),
        // A month whose split is hidden (small counts) but whose total is not: one bar of the total.
        series: [
          { name: t('dashboard.regular'), figures: data.months.map((m) => (splitHidden(m) ? WITHHELD : sector(m, 'regular'))), stack: 'jobs' },
          { name: t('dashboard.social'), figures: data.months.map((m) => (splitHidden(m) ? WITHHELD : sector(m, 'social'))), stack: 'jobs' },
          { name: t('dashboard.notSplit'), figures: data.months.map((m) => (splitHidden(m) ? m.total.jobs : undefined)), stack: 'jobs' },
        ],
      }),
    [data, t, i18n.language],
  );
  const domainOption = useMemo(
    () => barOption(t, { categories: data.byDomain.rows.map((row) => t(`workDomain.${row.group}`, { defaultValue: row.group })), series: [{ name: t('dashboard.jobs'), figures: data.byDomain.rows.map((row) => row.jobs) }], horizontal: true }),
    [data, t],
  );
  const funnelOption = useMemo<ChartOption>(
    () => ({
      color: CHART_COLOURS,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          minSize: '20%',
          left: '5%',
          width: '90%',
          label: { position: 'inside', color: '#fff', formatter: '{b}' },
          // A hidden stage is no slice (never a zero); the table says it is hidden.
          data: PIPELINE.filter((stage) => chartValue(stageFigure(stage)) !== null).map((stage) => ({ name: t(`stage.${stage}`), value: chartValue(stageFigure(stage)) ?? undefined })),
        },
      ],
    }),
    [data, t],
  );
  const targetOption = useMemo(
    () =>
      target
        ? barOption(t, {
            categories: [t('dashboard.jobs'), t('dashboard.social'), t('dashboard.fte'), t('dashboard.participants')],
            shortLabels: [t('dashboard.jobs'), t('dashboard.social'), t('dashboard.fteShort'), t('dashboard.participants')],
            series: [
              { name: t('dashboard.target'), figures: [target.target.jobs, target.target.socialJobs, target.target.fte, target.target.participants].map((value) => ({ value, suppressed: false })) },
              { name: t('dashboard.reached'), figures: [target.actual.jobs, target.actual.socialJobs, target.actual.fte, target.actual.participants] },
            ],
          })
        : null,
    [target, t],
  );

  return (
    <>
      <p className="hint">
        {computedAt ? t('dashboard.computed', { at: new Date(computedAt), ...DATE_TIME }) : t('dashboard.notComputed')} {data.byDomain.suppressed ? t('dashboard.suppressedRules') : t('dashboard.unsuppressed')}
      </p>
      <dl className="figures">
        <div>
          <dt>{t('dashboard.jobsYear', { year: data.year })}</dt>
          <dd>
            <FigureValue figure={data.byDomain.total.jobs} />
          </dd>
        </div>
        <div>
          <dt>{t('dashboard.fte')}</dt>
          <dd>
            <FigureValue figure={data.byDomain.total.fte} digits={1} />
          </dd>
        </div>
      </dl>
      <div className="dashboard-grid">
        <section aria-labelledby="dash-months">
          <h2 id="dash-months">{t('dashboard.perMonth')}</h2>
          <Chart option={monthsOption} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dashboard.perMonthTable', { year: data.year })}>
            <table>
              <caption>{t('dashboard.perMonthTable', { year: data.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.month')}</th>
                  <th scope="col">{t('dashboard.regular')}</th>
                  <th scope="col">{t('dashboard.social')}</th>
                  <th scope="col">{t('dashboard.total')}</th>
                </tr>
              </thead>
              <tbody>
                {data.months.map((m, i) => (
                  <tr key={m.period.key}>
                    <th scope="row">{new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(data.year, i, 15))}</th>
                    <td>
                      <FigureValue figure={sector(m, 'regular')} />
                    </td>
                    <td>
                      <FigureValue figure={sector(m, 'social')} />
                    </td>
                    <td>
                      <FigureValue figure={m.total.jobs} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="dash-domains">
          <h2 id="dash-domains">{t('dashboard.perDomain')}</h2>
          {data.byDomain.rows.length ? <Chart option={domainOption} tall /> : <p>{t('dashboard.noJobs')}</p>}
          <FigureTable caption={t('dashboard.perDomainTable', { year: data.year })} head={t('figures.domain')} rows={data.byDomain.rows.map((row) => ({ key: row.group, label: t(`workDomain.${row.group}`, { defaultValue: row.group }), figure: row.jobs }))} />
        </section>
        <section aria-labelledby="dash-pipeline">
          <h2 id="dash-pipeline">{t('dashboard.pipeline')}</h2>
          <Chart option={funnelOption} />
          <FigureTable caption={t('dashboard.pipelineTable', { year: data.pipeline.year })} head={t('figures.stage')} rows={pipeline.stages.map((stage) => ({ key: stage, label: t(`stage.${stage}`), figure: stageFigure(stage) }))} />
        </section>
        <section aria-labelledby="dash-targets" className="whole-row">
          <h2 id="dash-targets">{t('dashboard.targets')}</h2>
          {targetOption ? <Chart option={targetOption} /> : <p>{t('dashboard.noTarget', { year: data.year })}</p>}
          {data.targets.length ? <TargetTable targets={data.targets} /> : null}
        </section>
      </div>
    </>
  );
}

function FigureTable({ caption, head, rows }: { caption: string; head: string; rows: { key: string; label: string; figure: Figure | undefined }[] }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('figures.count')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>
              <FigureValue figure={row.figure} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every target (a year or an ESF phase) with what was reached: "12 van 40". */
function TargetTable({ targets }: { targets: Target[] }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value);
  const cell = (reached: Figure, goal: number) => (
    <td>
      <FigureValue figure={reached} digits={1} /> {t('dashboard.of', { target: number(goal) })}
    </td>
  );
  return (
    // Scrolls sideways on a phone: a region the keyboard can reach and scroll.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dashboard.targetsTable')}>
      <table>
        <caption>{t('dashboard.targetsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.period')}</th>
            <th scope="col">{t('dashboard.jobs')}</th>
            <th scope="col">{t('dashboard.social')}</th>
            <th scope="col">{t('dashboard.fte')}</th>
            <th scope="col">{t('dashboard.participants')}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((item) => (
            <tr key={item.period}>
              <th scope="row">{item.period}</th>
              {cell(item.actual.jobs, item.target.jobs)}
              {cell(item.actual.socialJobs, item.target.socialJobs)}
              {cell(item.actual.fte, item.target.fte)}
              {cell(item.actual.participants, item.target.participants)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
