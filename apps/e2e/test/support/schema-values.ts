import fc from 'fast-check';
import { JsonSchema } from './openapi-operations';

/**
 * fast-check arbitraries for the values a JSON Schema (the API's OpenAPI document) describes:
 * valid ones, to start from, and hostile ones, to put in their place.
 */

/** Values the system already holds (ids read back from its answers), to reach past "not found". */
export interface KnownValues {
  uuids: string[];
}

const WORD = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');

/** A value the schema allows: its `example` or `default` when it has one, else one of its type. */
export function validValue(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  if (schema.example !== undefined) return fc.constant(schema.example);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((choice) => validValue(choice, known)));
  switch (schema.type) {
    case 'string':
      return validString(schema, known);
    case 'integer': {
      // Small values unless the schema wants larger ones (a year: 2000–2100).
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, min > 1000 ? min + 1000 : 1000) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const item = validValue(schema.items ?? {}, known);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
      return schema.items?.enum ? fc.uniqueArray(item, constraints) : fc.array(item, constraints);
    }
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, validValue(property, known)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.constant('x');
  }
}

function validString(schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return known.uuids.length ? fc.constantFrom(...known.uuids) : fc.uuid();
  if (schema.format === 'email') return fc.tuple(fc.string({ unit: WORD, minLength: 3, maxLength: 12 }), fc.nat()).map(([name, n]) => `${name}${n}@fuzz.cirkel.test`);
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern && schema.minLength === undefined && schema.maxLength === undefined) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = Math.max(schema.minLength ?? 1, 1);
  return fc.string({ unit: WORD, minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

const HUGE = 'x'.repeat(100_000);

/** A hostile value for a field of a JSON body, as JSON text (nesting 5,000 deep is more than JSON.stringify can write). */
export interface HostileJson {
  name: string;
  json: string;
}

/**
 * Hostile values for a field of a JSON body: wrong types, the edges of strings and numbers, control
 * characters, prototype keys, huge arrays, deep nesting, and a few of fast-check's anything.
 */
export const HOSTILE_JSON: HostileJson[] = [
  { name: 'null', value: null },
  { name: 'a number', value: 42 },
  { name: 'a boolean', value: true },
  { name: 'an object', value: {} },
  { name: 'an array', value: [] },
  { name: 'a string', value: 'text' },
  { name: 'an empty string', value: '' },
  { name: 'spaces', value: '   ' },
  { name: 'a 100k-character string', value: HUGE },
  { name: 'NUL', value: '\u0000' },
  { name: 'NUL inside', value: 'kring\u0000winkel' },
  { name: 'a forged log line', value: 'x\n2026-01-01 ERROR [gateway] admin logged in' },
  { name: 'a lone surrogate', value: 'a\ud800b' },
  { name: 'SQL', value: "' OR 1=1; DROP TABLE person; --" },
  { name: 'HTML', value: '<script>alert(1)</script>' },
  { name: 'an invalid UUID', value: 'not-a-uuid' },
  { name: 'the nil UUID', value: '00000000-0000-0000-0000-000000000000' },
  { name: '0', value: 0 },
  { name: '-1', value: -1 },
  { name: '1e9', value: 1e9 },
  { name: '1e308', value: 1e308 },
  { name: '1.5', value: 1.5 },
  { name: 'a 100,000-element array', value: Array.from({ length: 100_000 }, () => 0) },
  { name: '100,000 strings', value: Array.from({ length: 100_000 }, () => 'x') },
  { name: 'a __proto__ key', value: JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown },
  { name: 'a constructor key', value: { constructor: { prototype: { isAdmin: true } } } },
]
  .map(({ name, value }) => ({ name, json: JSON.stringify(value) }))
  .concat({ name: 'nesting 5,000 deep', json: `${'['.repeat(5000)}${']'.repeat(5000)}` });

/** Hostile values for a path or query parameter, as they go in the URL (already percent-encoded). */
export const HOSTILE_URL: { name: string; value: string }[] = [
  { name: 'empty', value: '' },
  { name: 'NUL', value: '%00' },
  { name: 'NUL inside', value: 'kring%00winkel' },
  { name: 'bad UTF-8', value: '%ff%fe%fd' },
  { name: 'a lone surrogate in UTF-8', value: '%ed%a0%80' },
  { name: 'a C1 control', value: 'a%c2%85b' },
  { name: 'a line break', value: 'a%0d%0aSet-Cookie:%20x=1' },
  { name: 'a path escape', value: '..%2f..%2fetc%2fpasswd' },
  { name: '10k characters', value: 'x'.repeat(10_000) },
  { name: 'an invalid UUID', value: 'not-a-uuid' },
  { name: 'the nil UUID', value: '00000000-0000-0000-0000-000000000000' },
  { name: '0', value: '0' },
  { name: '-1', value: '-1' },
  { name: '1e9', value: '1e9' },
  { name: '1.5', value: '1.5' },
  { name: 'a garbage cursor', value: 'Zm9vYmFy' },
  { name: 'a cursor of a forged key', value: Buffer.from(JSON.stringify(['kring\u0000', '00000000-0000-0000-0000-000000000000'])).toString('base64url') },
  { name: 'a cursor of an object', value: Buffer.from(JSON.stringify({ __proto__: 1, a: [1, 2] })).toString('base64url') },
  { name: 'a __proto__ bracket', value: 'x&__proto__[isAdmin]=true' },
];

/** `count` of fast-check's arbitrary JSON values and binary strings (any code point, controls included), the same for the same seed. */
export function randomHostileJson(seed: number, count: number): HostileJson[] {
  const values = fc.sample(fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 30 }), fc.anything()), { seed, numRuns: count });
  return values.map((value, i) => ({ name: `fast-check value ${i} (seed ${seed})`, json: JSON.stringify(value) ?? 'null' }));
}

/** One valid value of the schema, the same for the same seed. */
export function sampleValid(schema: JsonSchema, known: KnownValues, seed: number): unknown {
  return fc.sample(validValue(schema, known), { seed, numRuns: 1 })[0];
}
