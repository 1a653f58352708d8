/**
 * Measures the ideas read path through the gateway against the same queries as plain SQL, in the same run.
 *
 *   npm run bench:ideas -- [--organisations 1000] [--ideas 20000] [--duration 15] [--connections 50] [--sql-duration 5] [--cpu-prof DIR]
 *
 * A hub of --organisations organisations and --ideas ideas (every stage, domain and strategy; titles
 * and summaries of Dutch words, one in twenty about "herstelling"), each with its history (created,
 * and the move to its stage), written by batched INSERT … SELECT FROM unnest into ideas' own schema
 * in a namespace of its own (removed at the end); the organisations into ideas' copy of them
 * (`known_organisation`), the caller's membership into its role copy. Then ideas and the gateway run
 * as their own processes, and each request is loaded for --duration s at --connections connections
 * (autocannon) as a member of one organisation: GET /api/v1/ideas plain, with each filter
 * (stage, workDomain, strategy, organisation), with a Dutch q (`herstellen`), and GET /api/v1/ideas/{id}.
 * Plain SQL: the query ideas makes for the same request (the page's WHERE, ORDER BY id DESC, LIMIT
 * 21, the organisations' names joined; for one idea its one statement: the row, its history, collaborations and names),
 * from --connections concurrent loops over a pool of 10 connections for --sql-duration s.
 * Prints p50/p99 per request for both; the goal is p99 ≤ 100 ms through the gateway.
 * `--cpu-prof DIR` writes a V8 CPU profile of ideas and of the gateway into DIR when they stop (read
 * it with `node -r @swc-node/register bench/cpuprofile-top.ts DIR/ideas.cpuprofile`).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { Client, Pool } from 'pg';
import { cleanupNamespace, ensureTestDatabase, freePort, TEST_DATABASE_URL, testNamespace } from '@cirkel/testing';
import { combined, load } from './measure';

const { values: args } = parseArgs({
  options: {
    organisations: { type: 'string', default: '1000' },
    ideas: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    'sql-duration': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
  },
});
const ORGANISATIONS = Number(args.organisations);
const IDEAS = Number(args.ideas);
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const SQL_DURATION_S = Number(args['sql-duration']);
const ROOT = path.resolve(__dirname, '..');
const HUB = randomUUID();
const log = (line: string) => process.stdout.write(`${line}\n`);
const loadNow = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const KEYS = keyPair();
const SERVICE_KEYS = { notifications: keyPair(), coaching: keyPair() };

const STAGES = ['draft', 'submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn'];
const DOMAINS = ['green', 'mobility', 'hospitality', 'industry', 'care', 'mentoring', 'other'];
const STRATEGIES = ['refuse', 'rethink', 'reduce', 'reuse', 'repair', 'refurbish', 'remanufacture', 'repurpose', 'recycle', 'recover'];
const SUBJECTS = ['fietsen', 'textiel', 'meubels', 'laptops', 'bouwmaterialen', 'speelgoed', 'paletten', 'kledij', 'rolstoelen', 'elektro', 'boeken', 'keukenafval', 'snoeihout', 'koffiedik', 'glas', 'kunststof', 'matrassen', 'tapijt', 'banden', 'batterijen'];
const ACTIONS = ['Hergebruik van', 'Inzameling van', 'Sortering van', 'Verkoop van tweedehands', 'Verhuur van', 'Opknappen van', 'Ombouwen van', 'Delen van', 'Recyclage van'];

function startApp(app: 'ideas' | 'gateway', port: number, namespace: string, gatewayPort: number, logs: string[]): ChildProcess {
  const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`, `--cpu-prof-name=${app}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test', // production asks for NATS accounts this bench does not set up
      CIRKEL_NAMESPACE: namespace,
      DATABASE_URL: TEST_DATABASE_URL,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      JWT_PUBLIC_KEY: KEYS.publicKey,
      JWT_PRIVATE_KEY: KEYS.privateKey,
      JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: SERVICE_KEYS.notifications.publicKey,
      JWT_SERVICE_PUBLIC_KEY_COACHING: SERVICE_KEYS.coaching.publicKey,
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (c: Buffer) => {
    logs.push(c.toString());
    if (logs.length > 200) logs.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

async function waitReady(name: string, port: number, child: ChildProcess, logs: string[]): Promise<void> {
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${logs.join('').slice(-3000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${name} did not get ready:\n${logs.join('').slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The hub's data, in batches of 5,000 rows: organisations, ideas, their histories, the caller's membership. */
async function seed(db: Client, schema: string, organisations: string[], person: string): Promise<{ ideaId: string; organisation: string }> {
  const s = `"${schema}"`;
  await db.query(`INSERT INTO ${s}.known_organisation (id, hub_id, name, status, updated_at) SELECT o, $1, 'Organisatie ' || n, 'active', now() FROM unnest($2::uuid[]) WITH ORDINALITY AS t(o, n)`, [HUB, organisations]);
  await db.query(`INSERT INTO ${s}.copied_membership (person_id, organisation_id, hub_id, role, as_of, version) VALUES ($1, $2, $3, 'member', now(), 1)`, [person, organisations[0], HUB]);
  const ids: string[] = [];
  for (let from = 0; from < IDEAS; from += 5000) {
    const n = Math.min(5000, IDEAS - from);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const subject = SUBJECTS[i % SUBJECTS.length];
      const about = i % 20 === 0 ? `Herstelling van ${subject}` : `${ACTIONS[i % ACTIONS.length]} ${subject}`;
      return {
        id: randomUUID(),
        lead: organisations[(i * 7919) % ORGANISATIONS],
        title: `${about} in wijk ${1 + (i % 40)}`,
        summary: `Een project rond ${subject}: ${ACTIONS[(i + 3) % ACTIONS.length].toLowerCase()} ${SUBJECTS[(i + 5) % SUBJECTS.length]} met werkzoekenden van de sociale economie (${i}).`,
        domain: DOMAINS[i % DOMAINS.length],
        strategies: `{${STRATEGIES[i % STRATEGIES.length]},${STRATEGIES[(i + 4) % STRATEGIES.length]}}`,
        stage: STAGES[(i * 5) % STAGES.length],
      };
    });
    ids.push(...rows.map((r) => r.id));
    await db.query(
      `INSERT INTO ${s}.idea (id, hub_id, lead_organisation_id, title, summary, work_domain, strategies, sdgs, expected_jobs_regular, expected_jobs_social, canvas, stage, created_by, created_at, updated_at)
       SELECT id, $1, lead, title, summary, domain, strategies::text[], '{8,12}', 1, 2, NULL, stage, $2, now() - interval '30 days', now()
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(id, lead, title, summary, domain, strategies, stage)`,
      [HUB, person, rows.map((r) => r.id), rows.map((r) => r.lead), rows.map((r) => r.title), rows.map((r) => r.summary), rows.map((r) => r.domain), rows.map((r) => r.strategies), rows.map((r) => r.stage)],
    );
    await db.query(
      `INSERT INTO ${s}.idea_transition (id, idea_id, from_stage, to_stage, by_person, at, reason)
       SELECT gen_random_uuid(), i.id, NULL, 'draft', $1::uuid, i.created_at, NULL FROM ${s}.idea i WHERE i.id = ANY($2::uuid[])
       UNION ALL
       SELECT gen_random_uuid(), i.id, 'draft', i.stage, $1::uuid, i.created_at + interval '1 day', 'Bench.' FROM ${s}.idea i WHERE i.id = ANY($2::uuid[]) AND i.stage <> 'draft'`,
      [person, rows.map((r) => r.id)],
    );
  }
  await db.query(`ANALYZE ${s}.idea`);
  await db.query(`ANALYZE ${s}.idea_transition`);
  await db.query(`ANALYZE ${s}.known_organisation`);
  // A submitted idea of another organisation (visible to the member), for GET by id.
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${s}.idea WHERE stage = 'pilot' AND lead_organisation_id <> $1 LIMIT 1`, [organisations[0]]);
  return { ideaId: rows[0]?.id ?? ids[0], organisation: organisations[1] };
}

/** Runs `query` from CONNECTIONS loops over a pool of 10 for SQL_DURATION_S s; its latencies, sorted. */
async function sqlLoad(pool: Pool, query: (client: { query: Pool['query'] }) => Promise<unknown>): Promise<{ p50: number; p99: number; count: number }> {
  const latencies: number[] = [];
  const end = performance.now() + SQL_DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await query(pool);
        latencies.push(performance.now() - began);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: latencies.length };
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  const schema = `${namespace}_ideas`;
  await ensureTestDatabase();
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 10, options: `-c search_path="${schema}"` });
  const children: ChildProcess[] = [];
  log(`bench:ideas — ${ORGANISATIONS} organisations, ${IDEAS} ideas; ${CONNECTIONS} connections × ${DURATION_S} s per request; namespace ${namespace}; load ${loadNow()}`);
  try {
    const [ideasPort, gatewayPort] = [await freePort(), await freePort()];
    const ideasLogs: string[] = [];
    const gatewayLogs: string[] = [];
    log('starting ideas and the gateway…');
    const ideas = startApp('ideas', ideasPort, namespace, gatewayPort, ideasLogs);
    children.push(ideas);
    await waitReady('ideas', ideasPort, ideas, ideasLogs);
    const gateway = startApp('gateway', gatewayPort, namespace, gatewayPort, gatewayLogs);
    children.push(gateway);
    await waitReady('gateway', gatewayPort, gateway, gatewayLogs);

    const organisations = Array.from({ length: ORGANISATIONS }, () => randomUUID());
    const person = randomUUID();
    const began = Date.now();
    const { ideaId, organisation } = await seed(db, schema, organisations, person);
    log(`loaded ${ORGANISATIONS} organisations and ${IDEAS} ideas with their histories in ${((Date.now() - began) / 1000).toFixed(1)} s`);

    const token = jwt.sign({ sub: person, hubId: HUB, hubRoles: [], memberships: [{ organisationId: organisations[0], role: 'member' }] }, KEYS.privateKey, {
      algorithm: 'ES256',
      issuer: 'cirkel',
      audience: 'cirkel-api',
      expiresIn: 3600,
    });
    const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
    const auth = { authorization: `Bearer ${token}` };

    const visible = `i.hub_id = $1 AND (i.stage <> 'draft' OR i.lead_organisation_id = ANY($2::uuid[]))`;
    const page = (where: string, params: unknown[]) => async (client: { query: Pool['query'] }) => {
      // As ideas reads a page (IdeaRepository.summaries): the list's columns with the lead organisations' names joined, one named statement per shape.
      const text = `SELECT i.id, i.hub_id, i.lead_organisation_id, i.title, i.summary, i.work_domain, i.strategies, i.sdgs, i.expected_jobs_regular, i.expected_jobs_social, i.stage, i.created_at, i.updated_at,
                o.name AS lead_organisation_name
           FROM idea i LEFT JOIN known_organisation o ON o.id = i.lead_organisation_id WHERE ${visible}${where} ORDER BY i.id DESC LIMIT 21`;
      await client.query({ name: `bench.page.${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values: [HUB, [organisations[0]], ...params] });
    };
    const requests: { name: string; path: string; sql: (client: { query: Pool['query'] }) => Promise<unknown> }[] = [
      { name: 'list', path: '/ideas', sql: page('', []) },
      { name: 'stage', path: '/ideas?stage=pilot', sql: page(' AND i.stage = $3', ['pilot']) },
      { name: 'workDomain', path: '/ideas?workDomain=care', sql: page(' AND i.work_domain = $3', ['care']) },
      { name: 'strategy', path: '/ideas?strategy=repair', sql: page(' AND $3 = ANY(i.strategies)', ['repair']) },
      { name: 'organisation', path: `/ideas?organisation=${organisation}`, sql: page(' AND i.lead_organisation_id = $3', [organisation]) },
      { name: 'q=herstellen', path: '/ideas?q=herstellen', sql: page(` AND i.id IN (SELECT s.id FROM idea s WHERE s.hub_id = $1 AND to_tsvector('dutch', s.title || ' ' || s.summary) @@ plainto_tsquery('dutch', $3) OFFSET 0)`, ['herstellen']) },
      {
        name: 'by id',
        path: `/ideas/${ideaId}`,
        // As ideas reads one idea (IdeaRepository.details, IDEA_DETAILS): the row, its history and collaborations as JSON, the names joined, one named statement.
        sql: (client) =>
          client.query({
            name: 'bench.idea-details',
            values: [HUB, ideaId],
            text: `SELECT i.*, o.name AS lead_organisation_name,
                          (SELECT coalesce(json_agg(json_build_object('id', t.id, 'fromStage', t.from_stage, 'toStage', t.to_stage, 'byPerson', t.by_person, 'at', t.at, 'reason', t.reason) ORDER BY t.at, t.id), '[]')
                             FROM idea_transition t WHERE t.idea_id = i.id) AS history,
                          (SELECT coalesce(json_agg(json_build_object('id', c.id, 'organisationId', c.organisation_id, 'status', c.status, 'requestedAt', c.requested_at, 'organisationName', co.name) ORDER BY c.requested_at, c.id), '[]')
                             FROM idea_collaboration c LEFT JOIN known_organisation co ON co.id = c.organisation_id WHERE c.idea_id = i.id) AS collaborations
                     FROM idea i LEFT JOIN known_organisation o ON o.id = i.lead_organisation_id WHERE i.hub_id = $1 AND i.id = $2`,
          }),
      },
    ];
    for (const r of requests) {
      const res = await fetch(`${api}${r.path}`, { headers: auth });
      const body = (await res.json()) as { items?: unknown[] };
      if (!res.ok) throw new Error(`GET ${r.path}: ${res.status} ${JSON.stringify(body)}`);
      log(`  ${r.name}: ${body.items ? `${body.items.length} items on the first page` : 'one idea'}`);
    }

    const results: string[] = [];
    let worst = 0;
    for (const r of requests) {
      await load(`${r.name} warm-up`, `${api}${r.path}`, auth, 2, CONNECTIONS);
      const gw = combined([await load(r.name, `${api}${r.path}`, auth, DURATION_S, CONNECTIONS)]);
      const sql = await sqlLoad(pool, r.sql);
      worst = Math.max(worst, gw.p99);
      results.push(
        `${r.name.padEnd(13)} gateway ${Math.round(gw.rate).toString().padStart(5)} req/s p50 ${gw.p50.toFixed(0).padStart(4)} ms p99 ${gw.p99.toFixed(0).padStart(4)} ms${gw.failures ? ` (${gw.failures} failed)` : ''}   plain SQL p50 ${sql.p50.toFixed(1).padStart(6)} ms p99 ${sql.p99.toFixed(1).padStart(6)} ms (${Math.round(sql.count / SQL_DURATION_S)} q/s)`,
      );
      log(`  load ${loadNow()}`);
    }
    log('');
    for (const line of results) log(line);
    log(`worst gateway p99: ${worst.toFixed(0)} ms (goal ≤ 100 ms): ${worst <= 100 ? 'met' : 'NOT met'}; load ${loadNow()}`);
  } finally {
    for (const child of children.reverse()) await stop(child);
    await pool.end();
    await db.end();
    await cleanupNamespace(namespace);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
