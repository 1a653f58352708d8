/**
 * Times reporting's statistics job against one hand-written GROUP BY that gives the same figures,
 * in the same run, on the same data.
 *
 *   npm run bench:statistics -- [--participants 200000] [--placements 1000000] [--year 2026]
 *
 * Starts the reporting app as a process in a namespace of its own (its schema is the scratch
 * schema), writes participants, placements and ideas as CSV files and loads them with COPY, then
 * runs the job `reporting.statistics-run` for the hub and year twice through its BullMQ queue (as
 * the scheduler does; its time is the job's own, processedOn → finishedOn), and the plain query twice
 * (one GROUP BY over GROUPING SETS of each period kind × each dimension), alternating. It prints both
 * best times and `ratio: X` (job / plain), and checks that every figure the plain query gives (jobs
 * and hours per period, dimension and group) is what the job stored: a difference fails the run (exit 1).
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
const pick = <T>(values: readonly T[], i: number, salt: number) => values[Math.abs(Math.imul(i + 1, 2_654_435_761) ^ salt) % values.length];
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The plain query: each period kind (year, quarter, month) × each dimension as a grouping set. */
const DIMENSIONS: Record<string, string> = {
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
const PERIODS = { y: `to_char(pl.start_date, 'YYYY')`, q: `to_char(pl.start_date, 'YYYY-"Q"Q')`, m: `to_char(pl.start_date, 'YYYY-MM')` };
const dims = Object.entries(DIMENSIONS);
const PLAIN_SQL = `
  SELECT coalesce(y, q, m) AS period,
         CASE ${dims.map(([name], i) => `WHEN d${i} IS NOT NULL AND GROUPING(d${i}) = 0 THEN '${name}'`).join(' ')} END AS dimension,
         coalesce(${dims.map((_, i) => `d${i}`).join(', ')}) AS group_key,
         count(*)::int AS jobs, sum(pl_hours) AS hours
    FROM (SELECT ${Object.entries(PERIODS).map(([k, e]) => `${e} AS ${k}`).join(', ')}, ${dims.map(([, e], i) => `${e} AS d${i}`).join(', ')}, pl.hours_per_week AS pl_hours
            FROM placement pl JOIN participant pa ON pa.id = pl.participant_id LEFT JOIN known_idea ki ON ki.id = pl.idea_id
           WHERE pl.hub_id = $1 AND pl.start_date >= make_date($2, 1, 1) AND pl.start_date < make_date($2 + 1, 1, 1)) f
   GROUP BY GROUPING SETS (${Object.keys(PERIODS).flatMap((p) => dims.map((_, i) => `(${p}, d${i})`)).join(', ')})`;

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
          `${YEAR - 1}-${String(1 + (i % 12)).padStart(2, '0')}-01`, '', '', '', '2026-01-01T00:00:00Z', organisation,
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
    let plainRows: { period: string; dimension: string; group_key: string; jobs: number; hours: string }[] = [];
    for (const round of [1, 2]) {
      log(`round ${round}: the statistics job…`);
      const job = await jobs.queue.add(StatisticsRun.name, { hubId: HUB, year: YEAR });
      const done = await waitForJob(jobs.queue, job.id ?? '', { timeoutMs: 600_000, intervalMs: 100 });
      if (done.state !== 'completed') throw new Error(`the job ended ${done.state}: ${done.job.failedReason ?? ''}`);
      const ms = (done.job.finishedOn ?? 0) - (done.job.processedOn ?? 0);
      jobTimes.push(ms);
      log(`  job: ${ms} ms (${JSON.stringify(done.job.returnvalue)})`);
      log(`round ${round}: the plain GROUP BY…`);
      started = performance.now();
      plainRows = (await db.query(PLAIN_SQL, [HUB, YEAR])).rows;
      plainTimes.push(performance.now() - started);
      log(`  plain: ${Math.round(plainTimes[plainTimes.length - 1])} ms (${plainRows.length} figures)`);
    }

    const stored = new Map(
      (await db.query<{ period: string; dimension: string; group_key: string; jobs: number; hours: string }>('SELECT period, dimension, group_key, jobs, hours FROM statistic_figure WHERE hub_id = $1 AND jobs > 0', [HUB])).rows.map((r) => [
        `${r.period}|${r.dimension}|${r.group_key}`,
        `${r.jobs}|${Number(r.hours).toFixed(2)}`,
      ]),
    );
    const differences = plainRows.filter((r) => stored.get(`${r.period}|${r.dimension}|${r.group_key}`) !== `${r.jobs}|${Number(r.hours).toFixed(2)}`);
    const job = Math.min(...jobTimes);
    const plain = Math.min(...plainTimes);
    log('');
    log(`data: ${PARTICIPANTS} participants, ${PLACEMENTS} placements (${YEAR}: ${plainRows.find((r) => r.dimension === 'total' && r.period === String(YEAR))?.jobs ?? 0}), hub ${HUB}`);
    log(`statistics job: ${job} ms (runs ${jobTimes.join(', ')} ms; stores jobs, hours and participants entered/left of ${YEAR}, its quarters and months)`);
    log(`plain GROUP BY: ${Math.round(plain)} ms (runs ${plainTimes.map(Math.round).join(', ')} ms; jobs and hours only)`);
    log(`ratio: ${(job / plain).toFixed(2)}`);
    log(`figures: ${plainRows.length} compared, ${differences.length} different${stored.size !== plainRows.length ? ` (the job stored ${stored.size} with jobs)` : ''}`);
    log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (differences.length > 0 || stored.size !== plainRows.length) {
      failed = true;
      for (const d of differences.slice(0, 10)) log(`  differs: ${JSON.stringify(d)} stored ${stored.get(`${d.period}|${d.dimension}|${d.group_key}`)}`);
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
