/**
 * Measures coaching's session reminders against bare BullMQ delayed jobs, in the same run.
 *
 *   npm run bench:reminders -- [--reminders 100000] [--spread 100] [--margin 150] [--concurrency 1000]
 *
 * Coaching: --reminders / 2 planned sessions are written into coaching's schema (leads 2 and 1
 * minutes, COACHING_REMINDER_LEADS_MINUTES=2,1, so two reminders per session as with the default
 * 1440,60), then coaching (apps/coaching/src/main.ts, its own process) is restarted: its start-up
 * scan writes a `session_reminder` row for every reminder still ahead (SessionReminders.fill) and
 * queues one BullMQ delayed job per 50 ms bucket of due times (SessionRemindersDue). The reminders
 * fall due over --spread seconds, the first --margin seconds after the restart (time enough to boot
 * and queue them all; a reminder written after its time would be skipped and is counted as lost).
 * A bucket's job (SessionRemindersDueJob, two at once; coaching's pool of 10, the production
 * default) claims every row due by then, a transaction per 1,000 (ReminderFiring.fireDue), which
 * deletes the rows, records `reminder_sent` and writes `coaching.session-reminder-due` to the outbox
 * for all of them; lateness = `reminder_sent.sent_at` (its transaction's time) − the time it was due.
 * Bare: the same number of delayed jobs with the same due times, added with `addBulk` from this
 * process, and a BullMQ Worker (--concurrency, 1,000: what a job per reminder takes to keep up with 1,000 due a second) whose processor only notes the time;
 * lateness = that time − (job.timestamp + delay).
 * Prints lateness p50/p99/max of both, `ratio: X` (coaching p99 / bare p99), how long coaching took
 * to queue them, the Redis memory of coaching's reminder queue per 10,000 planned sessions (MEMORY USAGE
 * of every key of the queue, while all are waiting) and, as the reminders themselves now live in
 * PostgreSQL, the size of `session_reminder` (table and indexes) per 10,000 planned sessions then. Runs in a namespace of its own, removed at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptionsFromUrl } from '@cirkel/jobs';
import { cleanupNamespace, ensureTestDatabase, freePort, TEST_DATABASE_URL, testEnvironment, testNamespace } from '@cirkel/testing';
import { percentile } from './events-tally';

const { values: args } = parseArgs({
  options: {
    reminders: { type: 'string', default: '100000' },
    spread: { type: 'string', default: '100' },
    margin: { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '1000' },
  },
});
const REMINDERS = Number(args.reminders);
const SESSIONS = Math.ceil(REMINDERS / 2);
const SPREAD_MS = Number(args.spread) * 1000;
const MARGIN_MS = Number(args.margin) * 1000;
const CONCURRENCY = Number(args.concurrency);
const LEADS = [2, 1];
const ROOT = path.resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HUB = randomUUID();
const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const ms = (n: number) => `${Math.round(n)} ms`;

/** When session `i` starts: its 2-minute reminder is due evenly over the spread from `first`, its 1-minute one a minute later. */
const startOf = (first: number, i: number) => first + LEADS[0] * 60_000 + Math.floor((i * SPREAD_MS) / SESSIONS);
/** Every reminder's due time, both leads of every session (the same for both sides). */
const dueTimes = (first: number) => Array.from({ length: SESSIONS }, (_, i) => LEADS.map((lead) => startOf(first, i) - lead * 60_000)).flat();

interface Figures {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

function figures(lateness: number[]): Figures {
  const sorted = [...lateness].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN, count: sorted.length };
}

const line = (name: string, f: Figures) => `${name.padEnd(9)} reminders ${String(f.count).padStart(7)}  lateness p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  max ${ms(f.max).padStart(9)}`;

async function waitReady(port: number, logs: string[], app: ChildProcess): Promise<void> {
  const until = Date.now() + 300_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`coaching exited with ${app.exitCode}:\n${logs.slice(-20).join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`coaching did not get ready:\n${logs.slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startCoaching(namespace: string, port: number, logs: string[]): ChildProcess {
  const app = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/coaching/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...testEnvironment(namespace), DATABASE_POOL_SIZE: '10', PORT: String(port), COACHING_REMINDER_LEADS_MINUTES: LEADS.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (c: Buffer) => logs.push(c.toString()));
  app.stderr?.on('data', (c: Buffer) => logs.push(c.toString()));
  return app;
}

async function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
}

/** Sum of MEMORY USAGE over the keys under `pattern` (pipelined). */
async function memoryOf(redis: Redis, pattern: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (found.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of found) pipeline.memory('USAGE', key);
    const answers = (await pipeline.exec()) ?? [];
    keys += found.length;
    bytes += answers.reduce((sum, [, value]) => sum + Number(value ?? 0), 0);
  } while (cursor !== '0');
  return { keys, bytes };
}

async function coachingSide(namespace: string, db: Client, redis: Redis): Promise<{ figures: Figures; lost: number; queueMs: number; bytesPer10k: number; pgBytesPer10k: number }> {
  const schema = `${namespace}_coaching`;
  const port = await freePort();
  const logs: string[] = [];
  log(`coaching: first start (migrations) in namespace ${namespace}…`);
  let app = startCoaching(namespace, port, logs);
  try {
    await waitReady(port, logs, app);
  } finally {
    await stop(app);
  }
  await db.query(`SET search_path TO "${schema}"`);
  const mentor = randomUUID();
  const idea = randomUUID();
  const assignment = randomUUID();
  await db.query(`INSERT INTO mentor (person_id, hub_id, name, active, updated_at) VALUES ($1, $2, 'Bench', true, now())`, [mentor, HUB]);
  await db.query(`INSERT INTO coached_idea (id, hub_id, title, work_domain, lead_organisation_id, submitted_at) VALUES ($1, $2, 'Bench', 'green', $3, now())`, [idea, HUB, randomUUID()]);
  await db.query(`INSERT INTO assignment (id, hub_id, idea_id, mentor_id, status, proposed_at) VALUES ($1, $2, $3, $4, 'accepted', now())`, [assignment, HUB, idea, mentor]);
  const first = Date.now() + MARGIN_MS;
  log(`coaching: writing ${SESSIONS} planned sessions…`);
  for (let from = 0; from < SESSIONS; from += 10_000) {
    const to = Math.min(SESSIONS, from + 10_000);
    const starts = Array.from({ length: to - from }, (_, k) => new Date(startOf(first, from + k)).toISOString());
    await db.query(
      `INSERT INTO coaching_session (id, hub_id, assignment_id, idea_id, mentor_id, participant_ids, starts_at, duration_minutes, place, status)
       SELECT gen_random_uuid(), $1, $2, $3, $4, '{}', s, 60, 'Bench', 'planned' FROM unnest($5::timestamptz[]) AS s`,
      [HUB, assignment, idea, mentor, starts],
    );
  }
  const queueKey = `cirkel:${namespace}:coaching.session-reminders-due`;
  log(`coaching: restart; its start-up scan queues the reminders (first due in ${Math.round((first - Date.now()) / 1000)} s)…`);
  const began = Date.now();
  app = startCoaching(namespace, port, logs);
  try {
    await waitReady(port, logs, app);
    const queueMs = Date.now() - began;
    const delayed = await redis.zcard(`${queueKey}:delayed`);
    const memory = await memoryOf(redis, `${queueKey}:*`);
    const [{ rows: waiting, bytes: pgBytes }] = (
      await db.query<{ rows: number; bytes: string }>(`SELECT (SELECT count(*)::int FROM session_reminder) AS rows, pg_total_relation_size('session_reminder') AS bytes`)
    ).rows;
    log(`coaching: ready after ${ms(queueMs)} with ${delayed} delayed jobs (${memory.keys} keys, ${(memory.bytes / 1024 / 1024).toFixed(1)} MiB) and ${waiting} reminder rows (${(Number(pgBytes) / 1024 / 1024).toFixed(1)} MiB)`);
    if (Date.now() > first) log(`coaching: WARNING — queueing ended after the first reminder was due; raise --margin`);
    const expected = SESSIONS * LEADS.length;
    const lastDue = Math.max(...dueTimes(first));
    const deadline = lastDue + 120_000;
    for (;;) {
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reminder_sent')).rows;
      // Done when all are sent, or when none is left to send after the last was due (the sweep keeps a delayed job of its own).
      if (n >= expected || (Date.now() > lastDue && (await db.query('SELECT 1 FROM session_reminder LIMIT 1')).rows.length === 0) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const rows = (
      await db.query<{ late: number }>(
        `SELECT (extract(epoch FROM sent_at) * 1000 - (split_part(key, '.', 4)::bigint - split_part(key, '.', 3)::int * 60000))::float8 AS late FROM reminder_sent WHERE key LIKE 'session.%'`,
      )
    ).rows;
    return { figures: figures(rows.map((r) => r.late)), lost: expected - rows.length, queueMs, bytesPer10k: (memory.bytes * 10_000) / SESSIONS, pgBytesPer10k: (Number(pgBytes) * 10_000) / SESSIONS };
  } finally {
    await stop(app);
  }
}

async function bareSide(namespace: string): Promise<Figures & { lost: number }> {
  const connection = redisOptionsFromUrl(REDIS_URL);
  const prefix = `cirkel:${namespace}:bare`;
  const queue = new Queue('bare', { connection, prefix });
  const lateness: number[] = [];
  const worker = new Worker(
    'bare',
    async (job: Job) => {
      lateness.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
    },
    { connection, prefix, concurrency: CONCURRENCY },
  );
  try {
    const expected = SESSIONS * LEADS.length;
    const first = Date.now() + 30_000;
    const due = dueTimes(first);
    log(`bare: adding ${expected} delayed jobs…`);
    const began = Date.now();
    for (let from = 0; from < expected; from += 1000) {
      const now = Date.now();
      const batch = Array.from({ length: Math.min(1000, expected - from) }, (_, k) => {
        const i = from + k;
        return { name: 'reminder', data: { i }, opts: { jobId: `r${i}`, delay: Math.max(0, due[i] - now), removeOnComplete: { age: 24 * 3600, count: 1000 } } };
      });
      await queue.addBulk(batch);
    }
    log(`bare: added in ${ms(Date.now() - began)} (first due ${Math.round((first - Date.now()) / 1000)} s from now)`);
    const deadline = Math.max(...due) + 120_000;
    while (lateness.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    return { ...figures(lateness), lost: expected - lateness.length };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  const redis = new Redis(REDIS_URL);
  log(`bench:reminders — ${REMINDERS} reminders (${SESSIONS} sessions × leads ${LEADS.join(',')} min) due over ${SPREAD_MS / 1000} s; load ${load()}`);
  let failed = false;
  try {
    const bare = await bareSide(namespace);
    log(`load ${load()}`);
    const coaching = await coachingSide(namespace, db, redis);
    log(`load ${load()}`);
    log('');
    log(line('bare', bare) + (bare.lost ? `  NOT FIRED by its last due time + 2 min: ${bare.lost}` : ''));
    log(line('coaching', coaching.figures) + (coaching.lost ? `  NOT FIRED by its last due time + 2 min: ${coaching.lost}` : ''));
    log(`coaching queued ${SESSIONS * LEADS.length} reminders of ${SESSIONS} sessions at its start in ${ms(coaching.queueMs)} (boot included)`);
    log(`redis: ${(coaching.bytesPer10k / 1024 / 1024).toFixed(2)} MiB per 10,000 planned sessions (${LEADS.length} reminders each, all due within the horizon: one job per 50 ms bucket of due times)`);
    log(`postgres: ${(coaching.pgBytesPer10k / 1024 / 1024).toFixed(2)} MiB of session_reminder per 10,000 planned sessions`);
    log(`ratio: ${(coaching.figures.p99 / bare.p99).toFixed(2)}`);
    failed = bare.lost > 0 || coaching.lost > 0;
  } finally {
    await db.end();
    redis.disconnect();
    await cleanupNamespace(namespace);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
