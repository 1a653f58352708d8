'use strict';
// The apps of `npm start`: their list (libs/contracts/src/shared/apps.ts), their build, their
// processes, their readiness and their seeds.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');
const readline = require('node:readline');
const { ROOT, Fatal, state, halt, label, log, sleep, elapsed, natsAccount } = require('./common');

const READY_TIMEOUT_MS = 120_000;
const APPS_FILE = 'libs/contracts/src/shared/apps.ts';

/** The one list of apps, read from its TypeScript source (compiled in memory by @swc/core). */
function readApps() {
  const file = path.join(ROOT, APPS_FILE);
  const { code } = require('@swc/core').transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  const mod = new Module(file);
  mod._compile(code, file);
  return mod.exports.APPS.map(({ name, port }) => ({ name, port }));
}

/**
 * V8's young generation: 8 MiB semi-spaces instead of up to 16 MiB. Start-up fills the default ones
 * and they stay committed, about 15 MiB of an idle app's resident memory; 4 MiB saved 8 MiB more but
 * left the gateway a quarter of its time collecting garbage under load (docs/measurements.md).
 * The Docker image's CMD passes the same flag.
 */
const NODE_FLAGS = ['--max-semi-space-size=8'];

/** How an app's entry point (`main` or `seed`) runs: compiled from dist/, or from its sources in dev mode. */
function command(app, entry, { dev, watch = false }) {
  if (dev) return [...NODE_FLAGS, ...(watch ? ['--watch'] : []), '-r', '@swc-node/register', `apps/${app}/src/${entry}.ts`];
  return [...NODE_FLAGS, '-r', './deploy/register-paths.js', `dist/apps/${app}/apps/${app}/src/${entry}.js`];
}

/** The environment of an app's processes: the servers' URLs, development mode, its port, its NATS account. */
function appEnv(app, env) {
  const nats = natsAccount(app.name);
  const result = { ...process.env, ...env, NODE_ENV: 'development', PORT: String(app.port), NATS_USER: nats.user, NATS_PASSWORD: nats.password };
  if (!process.stdout.isTTY && result.NO_COLOR === undefined) result.NO_COLOR = '1';
  return result;
}

const hasSeed = (app) => fs.existsSync(path.join(ROOT, 'apps', app, 'src', 'seed.ts'));

/** The browser app: built with the apps into dist/apps/web, which the gateway serves at `/`. */
const WEB = 'web';
const WEB_DEV_PORT = 4200;

/** Builds the apps and the web app with Nx (the cached `build` target: a hit when nothing changed); answers what Nx said. */
function build(apps, processes) {
  const began = Date.now();
  const args = ['run-many', '-t', 'build', `--projects=${[...apps.map((a) => a.name), WEB].join(',')}`, '--parallel=2', '--outputStyle=static'];
  // Nx itself rather than through npx, and its project-graph plugins in this process rather than in
  // workers of their own: a build that is all cache hits then takes about 2 s instead of 5–15 s.
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false', FORCE_COLOR: '0' };
  const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'nx'), args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  processes.add(proc);
  let output = '';
  proc.stdout.on('data', (chunk) => (output += chunk));
  proc.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code) => {
      processes.delete(proc);
      if (state.stopping) return;
      if (code !== 0) return reject(new Fatal(`the build failed (nx ${args.join(' ')}):\n${output.trim()}`));
      const cache = /Cache:\s+(\d+)\/(\d+)/.exec(output);
      log(`built ${apps.length} apps and the web app in ${((Date.now() - began) / 1000).toFixed(1)} s` +
        (cache ? ` (${cache[1]} of ${cache[2]} from the Nx cache)` : ''));
      resolve();
    });
  });
}

/**
 * Starts an app as a child process in a process group of its own (the terminal's Ctrl-C reaches
 * only start.js, which stops the apps in order); its output prefixed with its name.
 */
function startApp(app, { dev, env, onExit }) {
  const proc = spawn(process.execPath, command(app.name, 'main', { dev, watch: dev }), {
    cwd: ROOT, env: appEnv(app, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  const child = { app: app.name, port: app.port, proc, tail: [], exited: false };
  prefixOutput(proc, app.name, child.tail);
  proc.on('error', (err) => log(`${app.name}: ${err.message}`));
  child.closed = new Promise((resolve) => proc.on('close', (code, signal) => {
    child.exited = true;
    resolve();
    onExit(child, signal ? `signal ${signal}` : `exit code ${code}`);
  }));
  return child;
}

/**
 * `npm run dev`: the web app's types from the OpenAPI copy (Nx's cached `api-types`), then Vite's
 * dev server on :4200, which reloads the page on every change and proxies `/api` to the gateway.
 */
function startWebDevServer({ onExit }) {
  const nx = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'nx'), ['run', `${WEB}:api-types`, '--outputStyle=static'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  if (nx.status !== 0) throw new Fatal(`the web app's API types could not be generated:\n${nx.stdout}${nx.stderr}`);
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const proc = spawn(process.execPath, [vite, '-c', 'apps/web/vite.config.mts', '--port', String(WEB_DEV_PORT)], {
    cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  const child = { app: WEB, port: WEB_DEV_PORT, proc, tail: [], exited: false };
  prefixOutput(proc, WEB, child.tail);
  child.closed = new Promise((resolve) => proc.on('close', (code, signal) => {
    child.exited = true;
    resolve();
    onExit(child, signal ? `signal ${signal}` : `exit code ${code}`);
  }));
  return child;
}

function prefixOutput(proc, name, tail) {
  for (const stream of [proc.stdout, proc.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      console.log(`${label(name)} ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    });
  }
}

function isReady(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health/ready', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Resolves once the child answers GET /health/ready with 200; fails after READY_TIMEOUT_MS. */
async function waitReady(child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (state.stopping) await halt();
    if (await isReady(child.port)) return log(`${child.app} is ready (${elapsed()} s after start)`);
    if (Date.now() > deadline) {
      throw new Fatal(`${child.app} is not ready after ${READY_TIMEOUT_MS / 1000} s: GET http://127.0.0.1:${child.port}/health/ready ` +
        `does not answer 200. See its [${child.app}] lines above; the last ones:\n` +
        (child.tail.map((line) => `    ${line}`).join('\n') || '    (no output)'));
    }
    await sleep(300);
  }
}

/** Runs an app's seed entry point with the app's environment; resolves when it exited 0. */
function runSeed(app, { dev, env }, processes) {
  const name = `${app.name}:seed`;
  const proc = spawn(process.execPath, command(app.name, 'seed', { dev }), {
    cwd: ROOT, env: appEnv(app, env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.add(proc);
  prefixOutput(proc, name, []);
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      processes.delete(proc);
      if (state.stopping) return;
      if (code === 0) resolve();
      else reject(new Fatal(`the ${app.name} seed failed (${signal ? `signal ${signal}` : `exit code ${code}`}); see its [${name}] lines above`));
    });
  });
}

module.exports = { readApps, hasSeed, build, startApp, waitReady, runSeed, startWebDevServer, WEB_DEV_PORT };
