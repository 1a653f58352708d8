import { startSystem, SystemUnderTest } from '@cirkel/testing';
import { Api } from './api-client';
import { FuzzCase, fuzzCases } from './support/fuzz-cases';
import { apiOperations, Operation } from './support/openapi-operations';
import { KnownValues } from './support/schema-values';

/**
 * Every operation of `/api/docs-json`, valid and then hostile in one place at a time (wrong types,
 * missing and unknown fields, 100k-character strings, 100,000-element arrays, nesting 5,000 deep,
 * `__proto__` and `constructor` keys, invalid UUIDs, limits 0, -1 and 1e9, garbage cursors, bad
 * UTF-8, NUL and other control characters), anonymously and as the hub admin, against every app
 * running as its own process. Bad input is a 4xx: any 5xx, dropped connection or answer slower
 * than 2 s fails, naming the request. A new endpoint is fuzzed as soon as the document lists it.
 * `FUZZ_SEED` replays a run (fast-check draws the valid and random values from it).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 7_2026);
const SLOW_MS = 2000;
// One at a time: each answer's time is the system's, not a queue of our own (a login or registration costs an Argon2id hash).
const CONCURRENCY = 1;

let system: SystemUnderTest;
let adminToken: string;
let operations: Operation[];
let known: KnownValues;

beforeAll(async () => {
  system = await startSystem();
  adminToken = await new Api(system.gatewayUrl).login('admin@cirkel.test');
  operations = await apiOperations(system.gatewayUrl);
  known = await knownValues(system.gatewayUrl, operations, adminToken);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

it('answers every operation, however hostile the request, with no 5xx and within 2 s', async () => {
  expect(operations.length).toBeGreaterThanOrEqual(19);
  const requests = operations.flatMap((op) => fuzzCases(op, known, SEED)).flatMap((c) => [c, { ...c, headers: { ...c.headers, authorization: `Bearer ${adminToken}` } }]);
  const started = Date.now();
  const statuses = new Map<string, number>();
  const failures = await runAll(requests, CONCURRENCY, statuses);
  const seconds = (Date.now() - started) / 1000;
  const tally = [...statuses].sort().map(([status, n]) => `${status}: ${n}`).join(', ');
  console.log(`fuzz: ${requests.length} requests over ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}); ${tally}; ${failures.length} failed`);
  expect(failures).toEqual([]);
}, 300_000);

/** Sends every request, `concurrency` at a time; answers what failed: a 5xx, no answer, or an answer after SLOW_MS. */
async function runAll(requests: FuzzCase[], concurrency: number, statuses: Map<string, number>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const { status, failure } = await attempt(requests[i]);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

async function attempt(request: FuzzCase): Promise<{ status: string; failure?: string }> {
  const who = request.headers.authorization ? 'hub admin' : 'anonymous';
  const label = `${request.operation} — ${request.what} (${who}, ${request.method} ${request.url.slice(0, 120)})`;
  const started = Date.now();
  try {
    const response = await fetch(`${system.gatewayUrl}${request.url}`, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    const ms = Date.now() - started;
    const status = String(response.status);
    if (response.status >= 500) return { status, failure: `${label}: ${status} ${text.slice(0, 200)}` };
    if (ms > SLOW_MS) return { status, failure: `${label}: answered ${status} after ${ms} ms` };
    return { status };
  } catch (error) {
    return { status: 'no answer', failure: `${label}: no answer (${(error as Error).message})` };
  }
}

/** The UUIDs the hub admin sees in the answers of every GET without path parameters: real organisations, people, notifications to aim at. */
async function knownValues(gatewayUrl: string, all: Operation[], token: string): Promise<KnownValues> {
  const uuids = new Set<string>();
  const reads = all.filter((op) => op.method === 'GET' && !op.parameters.some((p) => p.in === 'path'));
  for (const op of reads) {
    const query = op.parameters.flatMap((p) => (p.name === 'limit' ? ['limit=50'] : p.required && p.schema.enum?.length ? [`${p.name}=${String(p.schema.enum[0])}`] : []));
    const response = await fetch(`${gatewayUrl}${op.path}?${query.join('&')}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok) collectUuids(await response.json(), uuids);
  }
  return { uuids: [...uuids] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collectUuids(value: unknown, into: Set<string>): void {
  if (typeof value === 'string' && UUID.test(value)) into.add(value);
  else if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) collectUuids(child, into);
}
