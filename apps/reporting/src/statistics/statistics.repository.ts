import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Indicator } from '@cirkel/contracts';
import { DigestRelease } from '../digest/digest-release.entity';
import { Release, segmentsOf } from '../digest/released-figures';
import { EsfPhase } from '../targets/esf-phase.entity';
import { dayAfter, Period } from './periods';
import { StatisticFigure } from './statistic-figure.entity';

/** The column of each indicator in `participant` (pa). */
const INDICATOR_COLUMNS: Record<Indicator, string> = {
  gender: 'pa.gender',
  ageBand: 'pa.age_band',
  labourMarketStatus: 'pa.labour_market_status',
  education: 'pa.education',
  disability: 'pa.disability',
  thirdCountNational: 'pa.third_country_national',
  foreignBackground: 'pa.foreign_background',
  minority: 'pa.minority',
};
const INDICATOR_PAIRS = Object.entries(INDICATOR_COLUMNS).map(([name, column]) => `('${name}', ${column})`);
/** The dimensions a placement counts in, each with its group's expression: the total, its own facts and its participant's indicators. */
const PLACEMENT_DIMENSIONS: [string, string][] = [['total', "''"], ['workDomain', "coalesce(ki.work_domain, 'unknown')"], ['sector', 'pl.sector'], ['contractType', 'pl.contract_type'], ...Object.entries(INDICATOR_COLUMNS)];
/** Each placement's groups as columns d0, d1, …; a grouping set per dimension; the dimension and group of a row of the sets. */
const PLACEMENT_COLUMNS = PLACEMENT_DIMENSIONS.map(([, expression], k) => `${expression} AS d${k}`).join(', ');
const PLACEMENT_SETS = PLACEMENT_DIMENSIONS.map((_, k) => `(day, d${k})`).join(', ');
const DIMENSION_OF_SET = `CASE ${PLACEMENT_DIMENSIONS.map(([name], k) => `WHEN GROUPING(d${k}) = 0 THEN '${name}'`).join(' ')} END`;
const GROUP_OF_SET = `coalesce(${PLACEMENT_DIMENSIONS.map((_, k) => `d${k}`).join(', ')})`;
/** The groups a participant counts in: the total and their indicators (and, below, each result at exit, counted in the period they left, and six months after, counted in the period those six months end in). */
const PARTICIPANT_GROUPS = [`('total', '')`, ...INDICATOR_PAIRS].join(', ');

/**
 * The figures of some periods of a hub by SQL aggregation in PostgreSQL (no rows go to Node): for
 * each period, dimension and group, the jobs (placements started), their hours, and the
 * participants who entered and left. `$1` is the hub, `$2`, `$3`, `$4` the periods' keys, first
 * days and days after. The jobs are first counted per start day and group (one grouping set per
 * dimension, each placement read once), then those few rows summed per period: a placement is
 * never expanded over its periods × dimensions (three times faster on the benchmark's million).
 */
export const FIGURES_SQL = `
  WITH periods AS (
    SELECT * FROM unnest($2::text[], $3::date[], $4::date[]) AS p(key, from_day, until_day)
  ),
  daily AS (
    SELECT day, ${DIMENSION_OF_SET} AS dimension, ${GROUP_OF_SET} AS group_key, count(*)::int AS jobs, sum(hours) AS hours
      FROM (SELECT pl.start_date AS day, pl.hours_per_week AS hours, ${PLACEMENT_COLUMNS}
              FROM placement pl
              JOIN participant pa ON pa.id = pl.participant_id
              LEFT JOIN known_idea ki ON ki.id = pl.idea_id
             WHERE pl.hub_id = $1 AND pl.start_date >= (SELECT min(from_day) FROM periods) AND pl.start_date < (SELECT max(until_day) FROM periods)) f
     GROUP BY GROUPING SETS (${PLACEMENT_SETS})
  ),
  jobs AS (
    SELECT per.key, d.dimension, d.group_key, sum(d.jobs)::int AS jobs, sum(d.hours) AS hours
      FROM daily d JOIN periods per ON d.day >= per.from_day AND d.day < per.until_day
     GROUP BY per.key, d.dimension, d.group_key
  ),
  people AS (
    SELECT per.key, g.dimension, g.group_key,
           count(*) FILTER (WHERE pa.entry_date >= per.from_day AND pa.entry_date < per.until_day)::int AS entered,
           count(*) FILTER (WHERE pa.exit_date >= per.from_day AND pa.exit_date < per.until_day)::int AS left_
      FROM participant pa
      JOIN periods per ON (pa.entry_date >= per.from_day AND pa.entry_date < per.until_day) OR (pa.exit_date >= per.from_day AND pa.exit_date < per.until_day)
      CROSS JOIN LATERAL (
        VALUES ${PARTICIPANT_GROUPS}
        UNION ALL SELECT 'resultAtExit', r FROM unnest(pa.results_at_exit) AS r
      ) AS g(dimension, group_key)
     WHERE pa.hub_id = $1
     GROUP BY per.key, g.dimension, g.group_key
    UNION ALL
    -- Results six months after exit count in the period the six months end in, not the one they left in.
    SELECT per.key, 'resultAfterSixMonths', r, 0, count(*)::int
      FROM participant pa
      JOIN periods per ON (pa.exit_date + interval '6 months')::date >= per.from_day AND (pa.exit_date + interval '6 months')::date < per.until_day
      CROSS JOIN LATERAL unnest(pa.results_after_six_months) AS r
     WHERE pa.hub_id = $1
     GROUP BY per.key, r
  )
  SELECT key AS period, dimension, group_key, coalesce(jobs.jobs, 0) AS jobs, coalesce(jobs.hours, 0) AS hours,
         coalesce(people.entered, 0) AS participants_entered, coalesce(people.left_, 0) AS participants_left
    FROM jobs FULL JOIN people USING (key, dimension, group_key)`;

/**
 * The counts of some segments of days (`$2`–`$4` as FIGURES_SQL's periods): the jobs in total and
 * by sector with their hours, and the participants who entered and left, in total.
 */
const SEGMENTS_SQL = `
  WITH segments AS (
    SELECT * FROM unnest($2::text[], $3::date[], $4::date[]) AS s(key, from_day, until_day)
  ),
  jobs AS (
    SELECT s.key, g.dimension, g.group_key, count(*)::int AS jobs, sum(pl.hours_per_week) AS hours
      FROM segments s
      JOIN placement pl ON pl.hub_id = $1 AND pl.start_date >= s.from_day AND pl.start_date < s.until_day
      JOIN participant pa ON pa.id = pl.participant_id
      CROSS JOIN LATERAL (VALUES ('total', ''), ('sector', pl.sector)) AS g(dimension, group_key)
     GROUP BY 1, 2, 3
  ),
  people AS (
    SELECT s.key, 'total' AS dimension, '' AS group_key,
           count(*) FILTER (WHERE pa.entry_date >= s.from_day AND pa.entry_date < s.until_day)::int AS entered,
           count(*) FILTER (WHERE pa.exit_date >= s.from_day AND pa.exit_date < s.until_day)::int AS left_
      FROM segments s
      JOIN participant pa ON pa.hub_id = $1 AND ((pa.entry_date >= s.from_day AND pa.entry_date < s.until_day) OR (pa.exit_date >= s.from_day AND pa.exit_date < s.until_day))
     GROUP BY 1
  )
  SELECT key, dimension, group_key, jobs, hours, entered, left_ FROM jobs FULL JOIN people USING (key, dimension, group_key)`;

/** The advisory lock of storing a hub's set of periods (`$1` the hub, `$2` the set's name: its first period's key, or PHASES). */
const STORE_LOCK = `hashtext(current_schema() || '.statistic_figure.' || $1 || '.' || $2)`;

/**
 * The name of the store's lock of a hub's ESF phases (no period's key: '#' is in none). Storing the phases' figures takes it and
 * reads the phases under it, and a phase's change or removal takes it to drop the phase's figures: so figures of a phase's old days
 * are never stored after its change (a run that read the phases before would otherwise store them after the change dropped them).
 */
export const PHASES = '#phases';

export function figuresParams(hubId: string, periods: Period[]): unknown[] {
  return [hubId, periods.map((p) => p.key), periods.map((p) => p.from), periods.map((p) => p.until)];
}

export interface FigureRow {
  period: string;
  dimension: string;
  groupKey: string;
  jobs: number;
  hours: number;
  participantsEntered: number;
  participantsLeft: number;
}

@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Replaces the stored figures of the periods with freshly aggregated ones, in one transaction
   * under a lock of (hub, first period): a rerun stores the same figures, and two runs at once take
   * turns. Returns how many figures were stored.
   */
  async store(hubId: string, periods: Period[], segmentsOfYear?: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${STORE_LOCK})`, [hubId, periods[0].key]);
      const stored = await this.replace(manager, hubId, periods);
      // The year's released digests' segments beside it (the digest requests store them under the same lock).
      if (segmentsOfYear !== undefined) await this.replaceSegments(manager, hubId, segmentsOfYear, segmentsOf(segmentsOfYear, await this.releasesOf(hubId, segmentsOfYear, manager)));
      return stored;
    });
  }

  /** Replaces the stored figures of every ESF phase of the hub, as the phases are under the phases' lock (PHASES). Returns how many figures were stored. */
  async storePhases(hubId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPhases(manager, hubId);
      const phases = await this.phasePeriods(hubId, manager);
      return phases.length > 0 ? this.replace(manager, hubId, phases) : 0;
    });
  }

  /** Takes the store's lock of the hub's phases until `manager`'s transaction ends (a phase changed or removed: PHASES). */
  async lockPhases(manager: EntityManager, hubId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${STORE_LOCK})`, [hubId, PHASES]);
  }

  /** Every ESF phase of the hub as a period (its first day, the day after its last), the earliest first. */
  async phasePeriods(hubId: string, manager: EntityManager = this.dataSource.manager): Promise<Period[]> {
    const rows = await manager.find(EsfPhase, { where: { hubId }, order: { fromDay: 'ASC', key: 'ASC' } });
    return rows.map((p) => ({ key: p.key, from: p.fromDay, until: dayAfter(p.toDay) }));
  }

  /**
   * Replaces the stored counts of the segments of a year that its released digests cut it into
   * (released-figures.ts: period `from/until`; the jobs in total and by sector, the participants
   * entered and left), with `manager`'s transaction: beside the year's figures, a released figure's
   * count now is read at their moment.
   */
  async replaceSegments(manager: EntityManager, hubId: string, year: number, segments: readonly { key: string; from: string; until: string }[]): Promise<void> {
    await manager.query(`DELETE FROM statistic_figure WHERE hub_id = $1 AND period LIKE $2`, [hubId, `${year}-__-__/%`]);
    if (segments.length === 0) return;
    await manager.query(
      `INSERT INTO statistic_figure (hub_id, period, dimension, group_key, jobs, hours, participants_entered, participants_left, computed_at)
       SELECT $1, key, dimension, group_key, coalesce(jobs, 0), coalesce(hours, 0), coalesce(entered, 0), coalesce(left_, 0), now() FROM (${SEGMENTS_SQL}) f`,
      [hubId, segments.map((p) => p.key), segments.map((p) => p.from), segments.map((p) => p.until)],
    );
  }

  /** The stored segment counts of a year (replaceSegments). */
  segmentsStored(hubId: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<StatisticFigure[]> {
    return manager.getRepository(StatisticFigure).createQueryBuilder('f').where('f.hub_id = :hubId AND f.period LIKE :like', { hubId, like: `${year}-__-__/%` }).getMany();
  }

  /** The digests released for weeks of a year (their figures as sums of days). */
  async releasesOf(hubId: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<Release[]> {
    const rows = await manager.find(DigestRelease, { where: { hubId, year }, order: { week: 'ASC' } });
    return rows.map((r) => ({ week: r.week, figures: r.figures, chosenBeside: r.chosenBeside }));
  }

  /** The digest released for a week, if any. */
  releaseOf(hubId: string, week: string, manager: EntityManager = this.dataSource.manager): Promise<DigestRelease | null> {
    return manager.findOneBy(DigestRelease, { hubId, week });
  }

  /** Keeps a digest as released (once per hub and week: the request holds the year's lock). */
  async addRelease(manager: EntityManager, release: Pick<DigestRelease, 'hubId' | 'week' | 'year' | 'answer' | 'figures' | 'chosenBeside'>): Promise<void> {
    await manager.insert(DigestRelease, release);
  }

  /**
   * Runs `work` at one moment of the hub's figures: under the store's locks of each set of periods
   * (by its first period's key, or PHASES) and in one REPEATABLE READ transaction, whose snapshot is taken once
   * the locks are held — so that what `work` stores (`replace`), counts (`live`) and reads
   * (`storedOf`) with its manager all count the same records, and no run stores those periods
   * meanwhile. The locks are the session's, taken in order before the transaction and all released
   * after: a transaction's own lock is taken by a statement that has fixed the snapshot already,
   * which then misses the run it waited for (and fails on the figures that run replaced).
   */
  async atOneMoment<T>(hubId: string, firstPeriods: readonly string[], work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const session: { end(): Promise<void> } = await runner.connect(); // the pg client
    try {
      for (const key of [...new Set(firstPeriods)].sort()) await runner.query(`SELECT pg_advisory_lock(${STORE_LOCK})`, [hubId, key]);
      await runner.startTransaction('REPEATABLE READ');
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      // A session whose locks could not be released is ended (and its locks with it): pg-pool does not take an ending client back.
      await runner.query('SELECT pg_advisory_unlock_all()').catch(() => session.end().catch(() => undefined));
      await runner.release();
    }
  }

  /**
   * Runs `read` in one REPEATABLE READ snapshot (taken at its first statement): what it reads with its manager — a period's
   * stored figures, and the year's counts, phases and releases the hiding pattern is chosen from — is of one moment. Read in two
   * transactions, a run committing between them would have a figure shown with a pattern chosen for other counts (a 4 that the
   * new counts' 5 no longer hides).
   */
  atSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  /** Replaces the stored figures of the periods with freshly aggregated ones, with `manager`'s transaction (`store`, `atOneMoment`). */
  async replace(manager: EntityManager, hubId: string, periods: Period[]): Promise<number> {
    await manager.query('DELETE FROM statistic_figure WHERE hub_id = $1 AND period = ANY($2::text[])', [hubId, periods.map((p) => p.key)]);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO statistic_figure (hub_id, period, dimension, group_key, jobs, hours, participants_entered, participants_left, computed_at)
       SELECT $1, f.period, f.dimension, f.group_key, f.jobs, f.hours, f.participants_entered, f.participants_left, now() FROM (${FIGURES_SQL}) f
       RETURNING 1`,
      figuresParams(hubId, periods),
    );
    return inserted.length;
  }

  /** The stored figures of a period. */
  stored(hubId: string, period: string, manager: EntityManager = this.dataSource.manager): Promise<StatisticFigure[]> {
    return manager.find(StatisticFigure, { where: { hubId, period } });
  }

  /** The stored figures of some periods (a year's). */
  storedOf(hubId: string, periods: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<StatisticFigure[]> {
    return manager.find(StatisticFigure, { where: { hubId, period: In([...periods]) } });
  }

  /** Figures of any periods, aggregated now (the digest's week and year to date). */
  async live(hubId: string, periods: Period[], manager: EntityManager = this.dataSource.manager): Promise<FigureRow[]> {
    const rows: { period: string; dimension: string; group_key: string; jobs: number; hours: string; participants_entered: number; participants_left: number }[] = await manager.query(
      FIGURES_SQL,
      figuresParams(hubId, periods),
    );
    return rows.map((r) => ({ period: r.period, dimension: r.dimension, groupKey: r.group_key, jobs: r.jobs, hours: Number(r.hours), participantsEntered: r.participants_entered, participantsLeft: r.participants_left }));
  }

  /** The hub's ideas past draft, per work domain and stage (reporting's known_idea; one whose `ideas.submitted` has not arrived yet, its domain unknown, is left out rather than counted as 'other'). */
  async ideasByDomainAndStage(hubId: string): Promise<{ workDomain: string; stage: string; count: number }[]> {
    const rows: { work_domain: string; stage: string; count: number }[] = await this.dataSource.query(
      `SELECT work_domain, stage, count(*)::int AS count FROM known_idea WHERE hub_id = $1 AND work_domain IS NOT NULL GROUP BY 1, 2`,
      [hubId],
    );
    return rows.map((r) => ({ workDomain: r.work_domain, stage: r.stage, count: r.count }));
  }

  /** Every hub reporting has heard of (the nightly run covers each). */
  async hubs(): Promise<string[]> {
    const rows: { hub_id: string }[] = await this.dataSource.query('SELECT hub_id FROM participant UNION SELECT hub_id FROM known_idea UNION SELECT hub_id FROM known_organisation');
    return rows.map((r) => r.hub_id);
  }
}
