import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';

/**
 * Every problem `type` the API can answer has a text in both languages — otherwise a form shows the
 * general "check what you typed", which is wrong for most of them. The codes are read from the
 * services' and libs' sources, where they are spelled once: the `…Problem = { Key: 'code' }` tables,
 * and the codes given to a DomainError or NotFound. A new code without texts fails here.
 */
const ROOT = resolve(__dirname, '../../../..');
const SOURCES = ['apps', 'libs'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => join(ROOT, dir, name, 'src')));
/** The web app and the test projects answer no problems of their own. */
const NOT_THE_API = /[/\\](web|web-e2e|e2e)[/\\]src$/;

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const CODE = `'([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+)'`;
const PATTERNS = [
  // export const IdeaProblem = { IdeaNotFound: 'idea-not-found', … } as const;
  /Problem = \{([^}]*)\}/g,
  // super('session-not-found', 404, …), new DomainError('dead-letter-replay-failed', …)
  new RegExp(`(?:super|new DomainError)\\(\\s*${CODE}\\s*,\\s*\\d{3}`, 'g'),
  // new NotFound('Digest …', 'digest-not-found')
  new RegExp(`new NotFound\\([^;]*?,\\s*${CODE}\\s*\\)`, 'g'),
];

function problemCodesOfTheApi(): string[] {
  const codes = new Set<string>();
  for (const file of SOURCES.filter((dir) => !NOT_THE_API.test(dir)).flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(PATTERNS[0])) for (const value of match[1].matchAll(/:\s*'([a-z-]+)'/g)) codes.add(value[1]);
    for (const pattern of PATTERNS.slice(1)) for (const match of text.matchAll(pattern)) codes.add(match[1]);
  }
  return [...codes].sort();
}

describe('problem texts', () => {
  const codes = problemCodesOfTheApi();

  it('finds the codes where they are spelled (a check of the reading itself)', () => {
    expect(codes).toEqual(expect.arrayContaining(['validation-failed', 'refresh-token-reused', 'collaboration-decided', 'payload-too-large', 'not-confirmed', 'digest-not-found', 'esf-phase-has-target']));
    expect(codes.length).toBeGreaterThan(80);
  });

  it.each([
    ['nl', nl.problem as Record<string, string>],
    ['en', en.problem as Record<string, string>],
  ])('has a %s text for every problem type the API answers', (_, texts) => {
    expect(codes.filter((code) => !texts[code])).toEqual([]);
  });
});
