import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { cleanupNamespace, ensureTestDatabase, testConfig, testNamespace } from '@cirkel/testing';
import { createGatewayApp } from '../src/gateway-app';

/** The gateway serves the built web app at `/` from the same origin as the API, with the SPA fallback and the API's security headers. */
let app: NestFastifyApplication;
let namespace: string;
let webRoot: string;
const SCRIPT = `console.log(${JSON.stringify('cirkel '.repeat(200))})`;
const PAGE = '<!doctype html><html lang="nl-BE"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'cirkel-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), PAGE);
  writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(webRoot, 'index.html.gz'), gzipSync(PAGE));
  await ensureTestDatabase();
  namespace = testNamespace();
  app = await createGatewayApp(testConfig('gateway', namespace), { webRoot });
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app?.close();
  await cleanupNamespace(namespace);
  rmSync(webRoot, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });

it('answers / and every page path with index.html, not cached, under a CSP that allows only its own scripts', async () => {
  for (const url of ['/', '/ideas/0193c0de-0000-7000-8000-000000000001', '/registrations/confirm/abc_DEF-123?x=1']) {
    const res = await get(url);
    expect({ url, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ url, status: 200, type: expect.stringMatching(/^text\/html/) });
    expect(res.body).toBe(PAGE);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }
});

it('serves the hashed assets for a year', async () => {
  const res = await get('/assets/index-abc123.js');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/javascript/);
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

it('sends the compressed copies the build wrote to a browser that accepts them', async () => {
  const script = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(script.headers['content-encoding']).toBe('br');
  expect(brotliDecompressSync(script.rawPayload).toString()).toBe(SCRIPT);
  const page = await app.inject({ method: 'GET', url: '/ideas', headers: { 'accept-encoding': 'gzip' } });
  expect(page.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(page.rawPayload).toString()).toBe(PAGE);
  expect((await get('/assets/index-abc123.js')).body).toBe(SCRIPT); // none accepted: the file itself
});

it('never answers the API, health or a missing file with the page', async () => {
  for (const url of ['/api/v1/no-such-thing', '/api', '/health/nothing', '/assets/missing.js', '/favicon.ico']) {
    const res = await get(url);
    expect({ url, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ url, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
  }
  expect((await get('/health/live')).statusCode).toBe(200);
  expect((await app.inject({ method: 'POST', url: '/ideas', payload: {} })).statusCode).toBe(404);
});
