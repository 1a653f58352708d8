import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { FigureValue } from '../charts/figure';
import { useCursorList } from '../components/cursor-list';
import { ProblemAlert, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
import { Loading, Page } from '../components/page';
import { DATE_ONLY, DATE_TIME } from '../i18n/i18n';
import { Link } from '../router';

type Digest = Schemas['CityDigestV2View'];
type DigestFigures = Digest['figures']['week']['figures'];
type Activity = Schemas['DigestActivity'];
type Breakdown = Schemas['DigestBreakdown'];
type Figure = Schemas['SuppressibleFigure'];

const FIGURES: (keyof DigestFigures)[] = ['jobsCreated', 'socialEconomyJobs', 'fte', 'participantsEntered', 'participantsLeft'];

const readDigests = (cursor?: string) => ok(api.GET('/api/v1/digests', { params: { query: cursor ? { cursor } : {} } }));

/** The archive of the weekly city digests (city staff, hub admins), newest first: a year (52) at a time, with "more". */
export function DigestsPage() {
  const { t } = useTranslation();
  const list = useCursorList(readDigests);
  const { items, problem, load } = list;
  useEffect(() => void load(), [load]);
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
      <MoreButton list={list} label={t('digests.more')} />
    </Page>
  );
}

/**
 * One digest as it was sent: the week's figures and the year's so far, and (digests from version 2
 * of reporting's figures on) the hub's activity and the year's jobs against its target, suppressed as they were.
 */
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
          {digest.activity ? <ActivityTables week={digest.activity.week} year={digest.activity.yearToDate} /> : null}
          {digest.jobs ? <JobsTable jobs={digest.jobs} reached={yearToDate.figures.jobsCreated} /> : null}
          <p className="hint">{t('digests.rules')}</p>
        </>
      ) : null}
    </Page>
  );
}

const PERIOD = { formatParams: { from: DATE_ONLY.formatParams.at, to: DATE_ONLY.formatParams.at } };

/** A row of the week's figure beside the year's. */
function WeekAndYear({ label, week, year }: { label: string; week: Figure | undefined; year: Figure | undefined }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <FigureValue figure={week} digits={1} />
      </td>
      <td>
        <FigureValue figure={year} digits={1} />
      </td>
    </tr>
  );
}

function WeekAndYearHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t('digests.figure')}</th>
        <th scope="col">{t('digests.thatWeek')}</th>
        <th scope="col">{t('digests.thatYear')}</th>
      </tr>
    </thead>
  );
}

const BREAKDOWNS = [
  { key: 'organisationsRegistered', label: (t: TFunction, group: string) => t(`organisationType.${group}`, { defaultValue: t('digests.unknownType') }) },
  { key: 'ideasSubmitted', label: (t: TFunction, group: string) => t(`workDomain.${group}`, { defaultValue: group }) },
  { key: 'stageMovements', label: (t: TFunction, group: string) => t(`stage.${group}`, { defaultValue: group }) },
] as const;

/** The hub's activity of the week and of the year so far: one table of totals, then one per breakdown (type, work domain, stage reached). */
function ActivityTables({ week, year }: { week: Activity; year: Activity }) {
  const { t } = useTranslation();
  return (
    <>
      <table>
        <caption>{t('digests.activity')}</caption>
        <WeekAndYearHead />
        <tbody>
          <WeekAndYear label={t('digests.organisationsRegistered')} week={week.organisationsRegistered.total} year={year.organisationsRegistered.total} />
          <WeekAndYear label={t('digests.organisationsApproved')} week={week.organisationsApproved.total} year={year.organisationsApproved.total} />
          <WeekAndYear label={t('digests.ideasSubmitted')} week={week.ideasSubmitted.total} year={year.ideasSubmitted.total} />
          <WeekAndYear label={t('digests.stageMovements')} week={week.stageMovements.total} year={year.stageMovements.total} />
          <WeekAndYear label={t('digests.sessionsHeld')} week={week.coaching.sessionsHeld} year={year.coaching.sessionsHeld} />
          <WeekAndYear label={t('digests.sessionHours')} week={week.coaching.hours} year={year.coaching.hours} />
          <WeekAndYear label={t('digests.registrations')} week={week.programmes.registrations} year={year.programmes.registrations} />
          <WeekAndYear label={t('digests.attended')} week={week.programmes.attended} year={year.programmes.attended} />
        </tbody>
      </table>
      {BREAKDOWNS.map(({ key, label }) => (
        <BreakdownTable key={key} caption={t(`digests.by.${key}`)} week={week[key]} year={year[key]} label={(group) => label(t, group)} />
      ))}
    </>
  );
}

/** One breakdown, its groups (those of the week or the year) in the year's order; no table when it has none. */
function BreakdownTable({ caption, week, year, label }: { caption: string; week: Breakdown; year: Breakdown; label: (group: string) => string }) {
  const groups = [...new Set([...year.groups, ...week.groups].map((g) => g.group))];
  const of = (breakdown: Breakdown, group: string) => breakdown.groups.find((g) => g.group === group)?.count;
  if (groups.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <WeekAndYearHead />
      <tbody>
        {groups.map((group) => (
          <WeekAndYear key={group} label={label(group)} week={of(week, group)} year={of(year, group)} />
        ))}
      </tbody>
    </table>
  );
}

/** The year's jobs per month up to the digest's week, against the hub's target for the year when it has one. */
function JobsTable({ jobs, reached }: { jobs: NonNullable<Digest['jobs']>; reached: Figure }) {
  const { t, i18n } = useTranslation();
  const month = (key: string) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(`${key}-15T12:00:00Z`));
  return (
    <>
      <table>
        <caption>{t('digests.jobsPerMonth', { year: jobs.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('digests.month')}</th>
            <th scope="col">{t('digests.jobsCreated')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.perMonth.map((row) => (
            <tr key={row.month}>
              <th scope="row">{month(row.month)}</th>
              <td>
                <FigureValue figure={row.jobs} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {jobs.target ? (
          <>
            {t('digests.targetReached', { year: jobs.year, target: jobs.target.jobs })} <FigureValue figure={reached} />
          </>
        ) : (
          t('digests.noTarget', { year: jobs.year })
        )}
      </p>
    </>
  );
}
