#!/usr/bin/env node
'use strict';
// Runs Cirkel on one machine: finds or starts PostgreSQL, Redis and NATS (servers.js), builds the
// apps (apps.js, Nx's cached `build`), creates the database, then starts every app as a child
// process, waits until each one is ready, and seeds the demo data. See --help and deploy/README.md.

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, Fatal, state, halt, label, log, run, elapsed } = require('./common');
const { ensureServers, startOwnServers, ensureNoEviction, ensureDatabase, tcpOpen } = require('./servers');
const { startMailCatcher } = require('./mail-catcher');
const { readApps, hasSeed, build, startApp, waitReady, runSeed, startWebDevServer, WEB_DEV_PORT } = require('./apps');

const DATA = path.join(ROOT, '.data');
const STOP_GRACE_MS = 10_000;
const HELP = `Usage: npm start [-- options]      (or: node deploy/local/start.js [options])
       npm run dev [-- options]    (the same with --dev)

Starts Cirkel on this machine. PostgreSQL, Redis and NATS are used where they already answer;
otherwise they are started with Docker Compose (if a Docker engine answers) or from locally
installed server binaries, with their data under .data/. The apps and the web app are built (Nx's
cached build target) and run from dist/; then the database is created, every app starts, and the
demo data is seeded. Cirkel (the web app, its API under /api) is at http://localhost:3000 once all
of them are ready.

Options:
  --no-demo      do not seed the demo hub and its accounts
  --dev          run the apps from their TypeScript sources, each restarting when its files change,
                 and the web app from Vite's dev server at http://localhost:4200 (proxying /api)
  --own-servers  start PostgreSQL, Redis and NATS of our own from local binaries on free ports
                 (data in .data/), whatever runs on the default ports
  -h, --help     show this help

Environment (defaults):
  DATABASE_URL  postgres://postgres@127.0.0.1:5432/cirkel
  REDIS_URL     redis://127.0.0.1:6379
  NATS_URL      nats://127.0.0.1:4222
  Every other variable is passed on to the apps (see deploy/README.md).

Ctrl-C stops the apps and the servers this script started; servers that already ran are left alone.`;

const children = new Map(); // app -> child (apps.js startApp)
const processes = new Set(); // the build and the seeds, while they run
const startedServers = []; // { name, stop }, in start order
let stopAskedAt = 0;

function parseArgs(argv) {
  const opts = { demo: true, dev: false, ownServers: false, help: false };
  for (const arg of argv) {
    if (arg === '--no-demo') opts.demo = false;
    else if (arg === '--dev') opts.dev = true;
    else if (arg === '--own-servers') opts.ownServers = true;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else throw new Fatal(`Unknown option ${arg} (see --help)`);
  }
  return opts;
}

function ensureDependencies() {
  if (fs.existsSync(path.join(ROOT, 'node_modules'))) return;
  log('node_modules is missing: running npm ci');
  if (run('npm', ['ci'], { stdio: 'inherit' }).status !== 0) throw new Fatal('npm ci failed');
}

async function checkPortsFree(apps) {
  for (const { name, port } of apps) {
    if (await tcpOpen('127.0.0.1', port)) throw new Fatal(`port ${port} (${name}) is in use already: is Cirkel running?`);
  }
}

function onAppExit(child, how) {
  if (state.stopping) return;
  log(`${child.app} exited unexpectedly (${how}); stopping everything`);
  shutdown(1);
}

/**
 * Starts every app at once (each runs its own migrations; a consumer creates the streams it reads if
 * their owner has not yet), runs each app's seed once that app is ready, one seed after another in
 * the order of the list of apps. Resolves when all are ready and seeded.
 */
async function startApps(apps, opts, env) {
  const ready = new Map();
  for (const app of apps) {
    const child = startApp(app, { dev: opts.dev, env, onExit: onAppExit });
    children.set(app.name, child);
    ready.set(app.name, waitReady(child));
  }
  let seeded = Promise.resolve();
  for (const app of apps.filter((a) => opts.demo && hasSeed(a.name))) {
    seeded = Promise.all([seeded, ready.get(app.name)]).then(() => runSeed(app, { dev: opts.dev, env }, processes));
  }
  await Promise.all([seeded, ...ready.values()]);
}

// ---- stopping ----------------------------------------------------------------------------------

function signalChild(child, signal) {
  try { process.kill(-child.proc.pid, signal); } catch { try { child.proc.kill(signal); } catch { /* gone */ } }
}

async function shutdown(code) {
  if (state.stopping) return;
  state.stopping = true;
  processes.forEach((proc) => proc.kill('SIGTERM'));
  const live = [...children.values()].filter((c) => !c.exited);
  if (live.length) log(`stopping ${live.map((c) => c.app).join(', ')}`);
  live.forEach((c) => signalChild(c, 'SIGTERM'));
  const killer = setTimeout(() => live.filter((c) => !c.exited).forEach((c) => {
    log(`${c.app} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
    signalChild(c, 'SIGKILL');
  }), STOP_GRACE_MS);
  await Promise.all(live.map((c) => c.closed));
  clearTimeout(killer);
  for (const { name, stop } of [...startedServers].reverse()) {
    log(`stopping ${name}`);
    try { await stop(); } catch (err) { console.error(`${label('cirkel')} could not stop ${name}: ${err.message}`); }
  }
  process.exit(code);
}

function onSignal() {
  if (!state.stopping) return void ((stopAskedAt = Date.now()), shutdown(0));
  if (Date.now() - stopAskedAt < 2000) return; // npm forwards the terminal's Ctrl-C: the same request twice
  log('stopping right away');
  children.forEach((c) => !c.exited && signalChild(c, 'SIGKILL'));
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(HELP);
  ['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((sig) => process.on(sig, onSignal));
  [process.stdout, process.stderr].forEach((s) => s.on('error', () => {})); // a closed terminal must not stop the clean-up
  process.on('exit', () => {
    children.forEach((c) => !c.exited && signalChild(c, 'SIGKILL'));
    processes.forEach((proc) => proc.kill('SIGKILL'));
  });
  ensureDependencies();
  const apps = readApps();
  // The build runs while the servers are looked for (or started).
  const built = opts.dev ? Promise.resolve() : build(apps, processes);
  built.catch(() => {}); // awaited below; a failure meanwhile must not count as unhandled
  let urls = {
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cirkel',
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
  };
  if (opts.ownServers) urls = await startOwnServers({ dataDir: DATA, started: startedServers });
  else await ensureServers(urls, { dataDir: DATA, started: startedServers });
  await ensureNoEviction(urls.REDIS_URL);
  await ensureDatabase(urls.DATABASE_URL);
  // SMTP_URL set: the apps send there, and nothing is caught.
  const mail = process.env.SMTP_URL ? null : await startMailCatcher(path.join(DATA, 'mail'));
  urls = { ...urls, SMTP_URL: process.env.SMTP_URL || mail.url };
  await built;
  await checkPortsFree(apps);
  if (state.stopping) await halt();
  await startApps(apps, opts, urls);
  if (opts.dev) children.set('web', startWebDevServer({ onExit: onAppExit }));
  console.log(`\nCirkel is running at http://localhost:3000   (ready in ${elapsed()} s)`);
  if (opts.dev) console.log(`The web app from its sources, reloading on every change: http://localhost:${WEB_DEV_PORT}`);
  console.log('API docs: http://localhost:3000/api/docs');
  console.log(mail
    ? `E-mails Cirkel sends are caught, not delivered: ${path.relative(ROOT, mail.dir)}/ (one .eml file each; the log says which)`
    : 'E-mails Cirkel sends go to the SMTP server SMTP_URL names (nothing is caught)');
  if (opts.demo) {
    console.log('Demo accounts, all with password cirkel-demo:');
    console.log('  admin@cirkel.test    hub admin\n  city@cirkel.test     city staff\n  mentor@cirkel.test   mentor (also mentor.groen@, mentor.horeca@, mentor.zorg@)');
    console.log('  coach@cirkel.test    job coach\n  partner@cirkel.test  org_admin of an active demo organisation');
  }
  console.log(`Press Ctrl-C to stop.${opts.dev ? ' An app restarts when one of its files changes.' : ''}\n`);
}

main().catch((err) => {
  if (state.stopping) return;
  console.error(`${label('cirkel')} ${err instanceof Fatal ? err.message : err.stack}`);
  shutdown(1);
});
