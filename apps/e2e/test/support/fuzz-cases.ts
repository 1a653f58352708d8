import { randomUUID } from 'node:crypto';
import { Operation, urlOf } from './openapi-operations';
import { HOSTILE_JSON, HOSTILE_URL, KnownValues, randomHostileJson, sampleValid } from './schema-values';

/** One request of the fuzz run: an operation, made hostile in one place. */
export interface FuzzCase {
  operation: string;
  what: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** How many hostile values of the catalogue each body field gets (in turn, so that the fields of an operation share the whole catalogue), and how many of fast-check's. */
const CATALOGUE_PER_FIELD = 9;
/** How many valid requests of an operation the cases start from. */
const BASES = 8;
/** Where a hostile value's JSON text goes into a body's. */
const PLACE = `hostile-${randomUUID()}`;
const RANDOM_PER_FIELD = 4;

/** Whole bodies that are wrong as JSON, as text or as a shape. */
const HOSTILE_BODIES: { name: string; body: string | Buffer; contentType?: string }[] = [
  { name: 'null', body: 'null' },
  { name: 'an array', body: '[]' },
  { name: 'a string', body: '"text"' },
  { name: 'a number', body: '1e9' },
  { name: 'nesting 5,000 deep', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'a 100,000-element array', body: JSON.stringify(Array.from({ length: 100_000 }, () => 1)) },
  { name: 'a __proto__ key', body: '{"__proto__": {"isAdmin": true}}' },
  { name: 'a constructor key', body: '{"constructor": {"prototype": {"isAdmin": true}}}' },
  { name: 'broken JSON', body: '{"name": ' },
  { name: 'bad UTF-8', body: Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) },
  { name: 'a raw NUL', body: Buffer.from('{"name": "a\u0000b"}') },
  { name: 'nothing', body: '' },
  { name: 'text/plain', body: 'hello', contentType: 'text/plain' },
  { name: 'a form', body: 'name=x', contentType: 'application/x-www-form-urlencoded' },
];

/**
 * The requests that try an operation: valid ones, then one hostile thing at a time in each path
 * parameter, query parameter and body field, bodies missing each required field or with an unknown
 * one, and whole bodies that are no JSON object. Idempotent operations get an Idempotency-Key on
 * every request, so the idempotency store sees every body too. The same seed gives the same cases.
 */
export function fuzzCases(operation: Operation, known: KnownValues, seed: number): FuzzCase[] {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const sendsBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
  // Each case starts from one of a few valid requests (other ids of the system, other values), drawn from the seed.
  const bases = Array.from({ length: BASES }, (_, k) => ({
    path: Object.fromEntries(pathParams.map((p, i) => [p.name, String(sampleValid(p.schema, known, seed + k * 31 + i))])),
    query: Object.fromEntries(queryParams.filter((p) => p.required).map((p, i) => [p.name, String(sampleValid(p.schema, known, seed + k * 31 + i))])),
    body: operation.body ? sampleValid(operation.body, known, seed + k) : undefined,
  }));
  let count = 0;
  let { path, query, body } = bases[0];

  const make = (what: string, parts: { path?: Record<string, { value: string; raw?: boolean }>; query?: string; body?: string | Buffer; contentType?: string }): FuzzCase => {
    const values = parts.path ?? Object.fromEntries(Object.entries(path).map(([name, value]) => [name, { value }]));
    const payload = parts.body ?? (sendsBody && body !== undefined ? JSON.stringify(body) : undefined);
    ({ path, query, body } = bases[++count % BASES]);
    const headers: Record<string, string> = {};
    if (payload !== undefined) headers['content-type'] = parts.contentType ?? 'application/json';
    if (operation.idempotent) headers['idempotency-key'] = randomUUID();
    return { operation: operation.name, what, method: operation.method, url: urlOf(operation, values, parts.query ?? queryString(query)), headers, ...(payload !== undefined ? { body: payload } : {}) };
  };

  const cases: FuzzCase[] = [make('valid', {})];
  for (const param of pathParams) {
    for (const hostile of HOSTILE_URL) {
      const values = Object.fromEntries(Object.entries(path).map(([name, value]) => [name, { value }]));
      cases.push(make(`path ${param.name}: ${hostile.name}`, { path: { ...values, [param.name]: { value: hostile.value, raw: true } } }));
    }
  }
  for (const param of queryParams) {
    for (const hostile of HOSTILE_URL) cases.push(make(`query ${param.name}: ${hostile.name}`, { query: queryString(query, `${param.name}=${hostile.value}`) }));
    cases.push(make(`query ${param.name} twice`, { query: queryString(query, `${param.name}=1&${param.name}=2`) }));
  }
  if (queryParams.length > 0) cases.push(make('an unknown query parameter', { query: queryString(query, 'isAdmin=true') }));
  if (!sendsBody) return cases;

  fieldsOf(body).forEach((field, i) => {
    const start = (i * CATALOGUE_PER_FIELD) % HOSTILE_JSON.length;
    const turn = Array.from({ length: CATALOGUE_PER_FIELD }, (_, k) => HOSTILE_JSON[(start + k) % HOSTILE_JSON.length]);
    for (const hostile of [HOSTILE_JSON.find((h) => h.name === 'NUL')!, ...turn, ...randomHostileJson(seed + i, RANDOM_PER_FIELD)]) {
      cases.push(make(`body ${field.join('.')}: ${hostile.name}`, { body: JSON.stringify(withValue(body, field, PLACE)).replace(JSON.stringify(PLACE), () => hostile.json) }));
    }
    if (field.length > 0) cases.push(make(`body without ${field.join('.')}`, { body: JSON.stringify(withValue(body, field, undefined)) }));
  });
  if (isObject(body)) cases.push(make('body with an unknown field', { body: JSON.stringify({ ...body, isAdmin: true }) }));
  for (const hostile of HOSTILE_BODIES) cases.push(make(`body: ${hostile.name}`, { body: hostile.body, contentType: hostile.contentType }));
  return cases;
}

function queryString(values: Record<string, string>, extra?: string): string {
  const parts = Object.entries(values).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return [...parts, ...(extra ? [extra] : [])].join('&');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place in a body (the body itself, each field of each object in it), as paths of keys. */
function fieldsOf(value: unknown, at: string[] = []): string[][] {
  if (!isObject(value)) return [at];
  return [at, ...Object.entries(value).flatMap(([key, child]) => fieldsOf(child, [...at, key]))];
}

/** A copy of `body` with the value at `field` replaced (undefined: removed). */
function withValue(body: unknown, field: string[], value: unknown): unknown {
  if (field.length === 0) return value;
  const [key, ...rest] = field;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[key];
  else copy[key] = withValue(copy[key], rest, value);
  return copy;
}
