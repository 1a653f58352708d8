/**
 * Times reporting's statistics job against the cheapest hand-written query that gives the same figures,
 * in the same run, on the same data.
 *
 *   npm run bench:statistics -- [--participants 200000] [--placements 1000000] [--year 2026]
 *
 * Starts the reporting app as a process in a namespace of its own (its schema is the scratch
 * schema), writes participants, placements and ideas as CSV files and loads them with COPY, then
 * runs the job `reporting.statistics-run` for the hub and year twice through its BullMQ queue (as
 * the scheduler does; its time is the job's own, processedOn → finishedOn), and the plain query twice,
 * alternating. Before each round one placement is added in the year: the job's counts then differ from
 * those it chose the hiding pattern for last time, so each timed run chooses it again (a run storing the
 * same counts keeps the pattern chosen, which would leave the second of CPU out of round 2).
 * Participants enter and leave within the year (a quarter entered the year before, a third leave), so
 * the participants' aggregation is compared too. It prints both best times and `ratio: X` (job / plain),
 * and checks that every figure the plain query gives (jobs, hours, participants entered and left per
 * period, dimension and group) is what the job stored: a difference fails the run (exit 1).
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { StatisticsRun } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, freePort, TEST_DATABASE_URL, testEnvironment, testJobQueue, testNamespace, waitForJob } from '@cirkel/testing';
import { startApp } from './app-process';

const { values: args } = parseArgs({
  options: {
    participants: { type: 'string', default: '200000' },
    placements: { type: 'string', default: '1000000' },
    year: { type: 'string', default: '2026' },
  },
});
const PARTICIPANTS = Number(args.participants);
const PLACEMENTS = Number(args.placements);
const YEAR = Number(args.year);
const HUB = randomUUID();

const DOMAINS = ['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other'];
/**
 * A value chosen by a hash of (i, salt) (MurmurHash3's finaliser): each choice independent of the others and of i's low bits. The
 * multiplication alone (before) kept i's parity, so a two-way choice followed the month (i % 12): the sector was fixed per month.
 */
function pick<T>(values: readonly T[], i: number, salt: number): T {
  let h = Math.imul((i + 1) ^ Math.imul(salt, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return values[(h >>> 0) % values.length];
}
const periodKeys = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`), ...Array.from({ length: 12 }, (_, m) => `${YEAR}-${String(m + 1).padStart(2, '0')}`)];
/** A figure of a period, dimension and group, as the plain query gives it and the job stores it. */
interface Figure {
  period: string;
  dimension: string;
  group_key: string;
  jobs: number;
  hours: string;
  entered: number;
  left_: number;
}
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The dimensions of a job (a placement): the total, its own facts and its participant's indicators. */
const JOB_DIMENSIONS: Record<string, string> = {
  total: "''",
  workDomain: "coalesce(ki.work_domain, 'unknown')",
  sector: 'pl.sector',
  contractType: 'pl.contract_type',
  gender: 'pa.gender',
  ageBand: 'pa.age_band',
  labourMarketStatus: 'pa.labour_market_status',
  education: 'pa.education',
  disability: 'pa.disability',
  thirdCountNational: 'pa.third_country_national',
  foreignBackground: 'pa.foreign_background',
  minority: 'pa.minority',
};
/** The dimensions of a participant entering or leaving: the total and the indicators. */
const PEOPLE_DIMENSIONS = Object.fromEntries(Object.entries(JOB_DIMENSIONS).filter(([name]) => name === 'total' || JOB_DIMENSIONS[name].startsWith('pa.')));
const IN_YEAR = (column: string) => `${column} >= make_date($2, 1, 1) AND ${column} < make_date($2 + 1, 1, 1)`;

/** One grouping set (month, dimension) per dimension, and the dimension and group of a row of them. */
function monthlySets(dimensions: Record<string, string>): { columns: string; sets: string; dimension: string; group: string } {
  const dims = Object.entries(dimensions);
  return {
    columns: dims.map(([, e], i) => `${e} AS d${i}`).join(', '),
    sets: dims.map((_, i) => `(m, d${i})`).join(', '),
    dimension: `CASE ${dims.map(([name], i) => `WHEN GROUPING(d${i}) = 0 THEN '${name}'`).join(' ')} END`,
    group: `coalesce(${dims.map((_, i) => `d${i}`).join(', ')})`,
  };
}
const JOBS = monthlySets(JOB_DIMENSIONS);
const PEOPLE = monthlySets(PEOPLE_DIMENSIONS);

/**
 * The plain query, written by hand for the same figures as cheaply as we could: the year's placements read once and grouped
 * by (month, dimension) — one grouping set per dimension, 12 — and the participants who entered or left in the year read once
 * each and grouped the same way (9 sets); a quarter's and the year's figures are then sums of those few month rows. Grouping
 * sets of (quarter, dimension) and (year, dimension) beside the months' (36, as before) sort the placements three times as
 * often for figures that the month rows give for nothing; one set of all dimensions together would be a row per combination.
 */
const PLAIN_SQL = `
  WITH jobs AS (
    SELECT m, ${JOBS.dimension} AS dimension, ${JOBS.group} AS group_key, count(*)::int AS jobs, sum(hours) AS hours
      FROM (SELECT date_trunc('month', pl.start_date)::date AS m, pl.hours_per_week AS hours, ${JOBS.columns}
              FROM placement pl JOIN participant pa ON pa.id = pl.participant_id LEFT JOIN known_idea ki ON ki.id = pl.idea_id
             WHERE pl.hub_id = $1 AND ${IN_YEAR('pl.start_date')}) f
     GROUP BY GROUPING SETS (${JOBS.sets})
  ),
  people AS (
    SELECT m, ${PEOPLE.dimension} AS dimension, ${PEOPLE.group} AS group_key,
           count(*) FILTER (WHERE entering)::int AS entered, count(*) FILTER (WHERE NOT entering)::int AS left_
      FROM (SELECT date_trunc('month', pa.entry_date)::date AS m, true AS entering, ${PEOPLE.columns} FROM participant pa WHERE pa.hub_id = $1 AND ${IN_YEAR('pa.entry_date')}
            UNION ALL
            SELECT date_trunc('month', pa.exit_date)::date, false, ${PEOPLE.columns} FROM participant pa WHERE pa.hub_id = $1 AND ${IN_YEAR('pa.exit_date')}) f
     GROUP BY GROUPING SETS (${PEOPLE.sets})
  ),
  months AS (
    SELECT m, dimension, group_key, coalesce(jobs, 0) AS jobs, coalesce(hours, 0) AS hours, coalesce(entered, 0) AS entered, coalesce(left_, 0) AS left_
      FROM jobs FULL JOIN people USING (m, dimension, group_key)
  )
  SELECT period, dimension, group_key, sum(jobs)::int AS jobs, sum(hours) AS hours, sum(entered)::int AS entered, sum(left_)::int AS left_
    FROM months CROSS JOIN LATERAL (VALUES (to_char(m, 'YYYY-MM')), (to_char(m, 'YYYY-"Q"Q')), (to_char(m, 'YYYY'))) AS p(period)
   GROUP BY 1, 2, 3`;

/**
 * A participant's entry and exit days: a quarter entered the year before, the others in a month of the year; a third leave in
 * the year (on the 15th of a month at or after their entry's), the others are still in.
 */
function entryAndExit(i: number): [string, string] {
  const month = 1 + (i % 12);
  const before = i % 4 === 0;
  const entry = `${before ? YEAR - 1 : YEAR}-${String(month).padStart(2, '0')}-01`;
  if (i % 3 !== 0) return [entry, ''];
  const exitMonth = before ? 1 + (Math.floor(i / 12) % 12) : month + (Math.floor(i / 12) % (13 - month));
  return [entry, `${YEAR}-${String(exitMonth).padStart(2, '0')}-15`];
}

async function writeCsv(file: string, rows: number, row: (i: number) => string, what: string): Promise<void> {
  const out = createWriteStream(file);
  const step = Math.max(1, Math.floor(rows / 4));
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${row(i)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    if ((i + 1) % step === 0) log(`  ${what}: ${Math.round(((i + 1) / rows) * 100)} % written`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  const schema = `${namespace}_reporting`;
  const dir = mkdtempSync(path.join(tmpdir(), 'cirkel-bench-statistics-'));
  chmodSync(dir, 0o755); // the database server reads the files (server-side COPY)
  await ensureTestDatabase();
  const port = await freePort();
  log(`starting reporting in namespace ${namespace} (schema ${schema})…`);
  const app = startApp('reporting', { ...testEnvironment(namespace), PORT: String(port) });
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  const jobs = testJobQueue(StatisticsRun, namespace);
  let failed = false;
  try {
    await app.ready();
    await db.connect();
    await db.query(`SET search_path TO "${schema}"`);

    log(`writing ${PARTICIPANTS} participants, ${PLACEMENTS} placements and ${DOMAINS.length * 10} ideas as CSV in ${dir}…`);
    const ideas = Array.from({ length: DOMAINS.length * 10 }, (_, i) => ({ id: randomUUID(), domain: DOMAINS[i % DOMAINS.length] }));
    const participants = Array.from({ length: PARTICIPANTS }, () => randomUUID());
    const organisation = randomUUID();
    await writeCsv(path.join(dir, 'idea.csv'), ideas.length, (i) => `${ideas[i].id},${HUB},${ideas[i].domain},pilot,5`, 'ideas');
    await writeCsv(
      path.join(dir, 'participant.csv'),
      PARTICIPANTS,
      (i) =>
        [
          participants[i], HUB, organisation, `h${i}`,
          pick(['woman', 'man', 'non_binary'], i, 1), pick(['under_18', '18_29', '30_54', '55_plus'], i, 2), pick(['unemployed', 'long_term_unemployed', 'inactive', 'employed'], i, 3),
          pick(['isced_0_2', 'isced_3_4', 'isced_5_8'], i, 4), pick(['yes', 'no', 'declined'], i, 5), pick(['yes', 'no', 'declined'], i, 6), pick(['yes', 'no', 'declined'], i, 7), pick(['yes', 'no', 'declined'], i, 8),
          ...entryAndExit(i), '', '', '2026-01-01T00:00:00Z', organisation,
        ].join(','),
      'participants',
    );
    await writeCsv(
      path.join(dir, 'placement.csv'),
      PLACEMENTS,
      (i) =>
        [
          randomUUID(), HUB, participants[i % PARTICIPANTS], ideas[i % ideas.length].id, organisation,
          pick(['regular', 'social'], i, 9), pick(['permanent', 'temporary', 'art_60', 'local_service_economy', 'custom_work', 'traineeship', 'other'], i, 10), pick([38, 30.4, 19, 12.5], i, 11),
          `${YEAR - (i % 5 === 0 ? 1 : 0)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, '', '2026-01-01T00:00:00Z', organisation,
        ].join(','),
      'placements',
    );
    log('loading with COPY…');
    let started = Date.now();
    // Server-side COPY from the files (the bench's database is on this machine; the test user may read them).
    await db.query(`COPY known_idea (id, hub_id, work_domain, stage, version) FROM '${path.join(dir, 'idea.csv')}' WITH (FORMAT csv)`);
    await db.query(
      `COPY participant (id, hub_id, organisation_id, reference_hash, gender, age_band, labour_market_status, education, disability, third_country_national, foreign_background, minority, entry_date, exit_date, results_at_exit, results_after_six_months, enrolled_at, enrolled_by)
       FROM '${path.join(dir, 'participant.csv')}' WITH (FORMAT csv)`,
    );
    log(`  participants loaded (${Date.now() - started} ms)`);
    started = Date.now();
    await db.query(
      `COPY placement (id, hub_id, participant_id, idea_id, employer_organisation_id, sector, contract_type, hours_per_week, start_date, end_date, recorded_at, recorded_by)
       FROM '${path.join(dir, 'placement.csv')}' WITH (FORMAT csv)`,
    );
    log(`  placements loaded (${Date.now() - started} ms)`);
    await db.query('ANALYZE participant; ANALYZE placement; ANALYZE known_idea');

    const jobTimes: number[] = [];
    const plainTimes: number[] = [];
    let plainRows: Figure[] = [];
    for (const round of [1, 2]) {
      // A placement more: other counts than those the pattern was chosen for, so the job chooses it again (its cache, cleared).
      await db.query(
        `INSERT INTO placement (id, hub_id, participant_id, idea_id, employer_organisation_id, sector, contract_type, hours_per_week, start_date, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, 'social', 'art_60', 38, make_date($6, 6, $7), now(), $5)`,
        [randomUUID(), HUB, participants[round], ideas[0].id, organisation, YEAR, round],
      );
      log(`round ${round}: the statistics job…`);
      const job = await jobs.queue.add(StatisticsRun.name, { hubId: HUB, year: YEAR });
      const done = await waitForJob(jobs.queue, job.id ?? '', { timeoutMs: 600_000, intervalMs: 100 });
      if (done.state !== 'completed') throw new Error(`the job ended ${done.state}: ${done.job.failedReason ?? ''}`);
      const ms = (done.job.finishedOn ?? 0) - (done.job.processedOn ?? 0);
      jobTimes.push(ms);
      log(`  job: ${ms} ms (${JSON.stringify(done.job.returnvalue)})`);
      log(`round ${round}: the plain query…`);
      started = performance.now();
      plainRows = (await db.query(PLAIN_SQL, [HUB, YEAR])).rows;
      plainTimes.push(performance.now() - started);
      log(`  plain: ${Math.round(plainTimes[plainTimes.length - 1])} ms (${plainRows.length} figures)`);
    }

    const keyOf = (r: Figure) => `${r.period}|${r.dimension}|${r.group_key}`;
    const valuesOf = (r: Figure) => `${r.jobs}|${Number(r.hours).toFixed(2)}|${r.entered}|${r.left_}`;
    const stored = new Map(
      (
        await db.query<Figure>(
          `SELECT period, dimension, group_key, jobs, hours, participants_entered AS entered, participants_left AS left_ FROM statistic_figure
            WHERE hub_id = $1 AND period = ANY($2::text[]) AND (jobs > 0 OR participants_entered > 0 OR participants_left > 0)`,
          [HUB, periodKeys],
        )
      ).rows.map((r) => [keyOf(r), valuesOf(r)]),
    );
    plainRows = plainRows.filter((r) => r.jobs > 0 || r.entered > 0 || r.left_ > 0);
    const differences = plainRows.filter((r) => stored.get(keyOf(r)) !== valuesOf(r));
    const job = Math.min(...jobTimes);
    const plain = Math.min(...plainTimes);
    log('');
    log(`data: ${PARTICIPANTS} participants, ${PLACEMENTS} placements (${YEAR}: ${plainRows.find((r) => r.dimension === 'total' && r.period === String(YEAR))?.jobs ?? 0}), hub ${HUB}`);
    log(`statistics job: ${job} ms (runs ${jobTimes.join(', ')} ms; stores jobs, hours and participants entered/left of ${YEAR}, its quarters and months)`);
    log(`plain query: ${Math.round(plain)} ms (runs ${plainTimes.map(Math.round).join(', ')} ms; the same figures, neither stored nor suppressed)`);
    log(`ratio: ${(job / plain).toFixed(2)}`);
    log(`figures: ${plainRows.length} compared, ${differences.length} different${stored.size !== plainRows.length ? ` (the job stored ${stored.size} not all zero)` : ''}`);
    log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (differences.length > 0 || stored.size !== plainRows.length) {
      failed = true;
      for (const d of differences.slice(0, 10)) log(`  differs: ${JSON.stringify(d)} stored ${stored.get(keyOf(d))}`);
    }
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await jobs.close();
    await db.end().catch(() => undefined);
    await cleanupNamespace(namespace);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    log('FAILED: the figures differ');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
