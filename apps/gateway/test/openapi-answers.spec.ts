import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as contracts from '@cirkel/contracts';
import { VIEWS } from '@cirkel/contracts';
import { startGateway, GatewayHarness } from './support/gateway-harness';

/**
 * The web app generates its client from `/api/docs-json`. These tests hold the document to every
 * answer: each 2xx answer refers to a named schema, and the types a generator from the registry
 * (openapi-typescript) writes from it are the very types of the contracts, field for field.
 */
const ROOT = path.resolve(__dirname, '../../..');

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
let gw: GatewayHarness;
let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  gw = await startGateway();
  document = (await gw.app.inject({ method: 'GET', url: '/api/docs-json' })).json();
});

afterAll(async () => {
  await gw?.close();
});

it('describes the answer of every API operation as a named schema', () => {
  // (the health probes, outside /api/v1, answer in terminus' own shape)
  const api = Object.entries(document.paths).filter(([route]) => route.startsWith('/api/v1/'));
  const operations = api.flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${route}`, op })));
  expect(operations.length).toBeGreaterThanOrEqual(17);
  for (const { name, op } of operations) {
    const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
    expect({ name, success: success.length }).toEqual({ name, success: 1 });
    // (a calendar feed answers an iCalendar document, text/calendar, and nothing else; the ESF export a CSV or XLSX file)
    const content = success[0][1].content ?? {};
    if (content['text/calendar']) {
      expect({ name, content: Object.keys(content) }).toEqual({ name, content: ['text/calendar'] });
      continue;
    }
    if (content['text/csv']) {
      expect({ name, content: Object.keys(content) }).toEqual({ name, content: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] });
      continue;
    }
    const ref = success[0][1].content?.['application/json']?.schema?.$ref;
    expect({ name, ref }).toEqual({ name, ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) });
    expect(document.components.schemas).toHaveProperty(ref!.split('/').pop()!);
  }
});

it('lets openapi-typescript generate a type for every answer that is exactly the contract’s type', () => {
  const views = Object.entries(contracts).filter(([, value]) => typeof value === 'object' && value !== null && VIEWS.has(value as never));
  expect(views.length).toBeGreaterThanOrEqual(15);
  // Mutual assignability: a missing, extra, optional-instead-of-required or wrongly typed field fails.
  const checks = views.map(([name, schema]) => {
    const id = VIEWS.get(schema as never)!.id;
    return [
      `type Z_${name} = z.output<typeof ${name}>;`,
      `export const to_${name}: components['schemas']['${id}'] = null as unknown as Z_${name};`,
      `export const from_${name}: Z_${name} = null as unknown as components['schemas']['${id}'];`,
    ].join('\n');
  });
  const dir = mkdtempSync(path.join(ROOT, 'tmp-openapi-'));
  try {
    // As the web app will: the generator's command line on the document.
    writeFileSync(path.join(dir, 'api.json'), JSON.stringify(document));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), path.join(dir, 'api.json'), '-o', path.join(dir, 'api.d.ts')], { stdio: 'pipe' });
    writeFileSync(
      path.join(dir, 'check.ts'),
      [`import { z } from 'zod';`, `import type { components } from './api';`, `import { ${views.map(([n]) => n).join(', ')} } from '@cirkel/contracts';`, ...checks].join('\n'),
    );
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const program = ts.createProgram([path.join(dir, 'check.ts')], { ...config!.options, noEmit: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
