/**
 * Measures the production build of the web app (`npx nx build web`, dist/apps/web):
 *
 *   npm run bench:web -- [--rounds 10]
 *
 * 1. Size: every file raw, gzip (level 9) and brotli (quality 11), as the build's copies that the
 *    gateway sends (apps/web/scripts/precompress.mjs).
 * 2. Time to first render in Debian's Chromium (headless): from navigation to the page's h1 on the
 *    screen, for the hub's page of the app, against a baseline page in the same run (a static HTML
 *    page with the same h1 and no script), loaded in turns from the same plain HTTP server (no API:
 *    the h1 does not wait for it), each in a fresh browser context (an empty cache). The ratio
 *    app / baseline is what to compare between runs; the milliseconds move with the machine's load.
 * 3. The city staff's dashboard: from navigation to its first chart drawn (the session restored
 *    from a refresh token, the figures read, the lazily loaded chart chunk fetched and drawn), the
 *    API answered by the same server with fixed answers of a year's figures (bench/web-fixtures.ts),
 *    so that only the browser's work and the app's own requests are measured.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { apiFixture } from './web-fixtures';

const DIST = path.resolve(__dirname, '../dist/apps/web');
const BASELINE = '<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>Cirkel</title></head><body><main><h1>Samen circulair werk maken in Genk</h1></main></body></html>';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function sizes(): void {
  const rows = files(DIST).filter((file) => !/\.(br|gz)$/.test(file)).map((file) => {
    const body = readFileSync(file);
    return {
      file: path.relative(DIST, file),
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const r of rows) console.log(`${r.file.padEnd(32)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip ${kb(r.brotli).padStart(10)} brotli`);
  const sum = (k: 'raw' | 'gzip' | 'brotli') => rows.reduce((n, r) => n + r[k], 0);
  console.log(`${'total'.padEnd(32)} ${kb(sum('raw')).padStart(10)} raw ${kb(sum('gzip')).padStart(10)} gzip ${kb(sum('brotli')).padStart(10)} brotli`);
}

async function firstRender(rounds: number): Promise<void> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/baseline') return res.writeHead(200, { 'content-type': TYPES['.html'] }).end(BASELINE);
    const fixture = apiFixture(req.url ?? '/');
    if (fixture !== undefined) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fixture));
    const file = path.join(DIST, url === '/' || url === '/dashboard' ? 'index.html' : url);
    if (!file.startsWith(DIST)) return res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(url.startsWith('/api/') ? 503 : 404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const measure = async (url: string): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // From the navigation's start, in the page's own clock, to the first frame painted after the h1 appeared.
    const ms = Number(await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))'));
    await context.close();
    return ms;
  };
  /** The dashboard of a logged-in city staff member: until its first chart is drawn (and its h1, for the baseline's measure). */
  const dashboard = async (): Promise<{ h1: number; chart: number }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
    await context.addInitScript("sessionStorage.setItem('cirkel.refresh', 'bench-refresh-token-0123456789')");
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const h1 = Number(await page.evaluate('performance.now()'));
    await page.locator('.chart svg').first().waitFor();
    const chart = Number(await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))'));
    await context.close();
    return { h1, chart };
  };
  const app: number[] = [];
  const baseline: number[] = [];
  const board: { h1: number; chart: number }[] = [];
  await measure(`${base}/`); // warm-up: Chromium's own start
  await dashboard();
  for (let i = 0; i < rounds; i++) {
    baseline.push(await measure(`${base}/baseline`));
    app.push(await measure(`${base}/`));
    board.push(await dashboard());
  }
  await browser.close();
  server.close();
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  console.log(`first render of the hub page: median ${median(app).toFixed(0)} ms (baseline page ${median(baseline).toFixed(0)} ms), ratio ${(median(app) / median(baseline)).toFixed(2)}, ${rounds} rounds`);
  const chart = median(board.map((b) => b.chart));
  console.log(`dashboard (city staff, API answered by fixtures): h1 median ${median(board.map((b) => b.h1)).toFixed(0)} ms, first chart drawn median ${chart.toFixed(0)} ms (ratio to the baseline page ${(chart / median(baseline)).toFixed(2)}), ${rounds} rounds`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error(`no production build of the web app at ${path.relative(process.cwd(), DIST)}: build it first with \`npx nx build web\`, then run npm run bench:web again`);
    process.exit(1);
  }
  console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  sizes();
  await firstRender(Number(values.rounds));
  console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
