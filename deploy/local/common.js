'use strict';
// What the parts of `npm start` share: the repository's root, messages, and the stopping flag.

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** An error whose message is for the user as it is (no stack). */
class Fatal extends Error {}

/**
 * `stopping`: set once Ctrl-C (or a failure) began the shutdown; long steps check it and park.
 * `quiet`: no progress messages (for tests that drive these modules).
 */
const state = { stopping: false, quiet: false };

const began = Date.now();
/** Seconds since start.js began, for the messages that say how long a step took. */
const elapsed = () => ((Date.now() - began) / 1000).toFixed(1);
const label = (name) => `[${name.padEnd(13)}]`;
const log = (msg) => state.quiet || console.log(`${label('cirkel')} ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Once stopping, the main flow parks here until the shutdown exits the process. */
const halt = () => new Promise(() => {});
const isRoot = () => process.getuid?.() === 0;
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...opts });

async function waitFor(what, test, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (state.stopping) await halt();
    if (await test()) return log(`${what} is up`);
    if (Date.now() > deadline) throw new Fatal(`${what} is not reachable after ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

/**
 * An app's NATS account under `npm start`: the user is the app, the password NATS_PASSWORD_<APP> or a
 * public development one. A server without accounts (the usual development server) ignores both; the
 * NATS that docker compose starts for `npm start` has the accounts (deploy/nats) with these passwords.
 * Production refuses the development ones (libs/config).
 */
function natsAccount(app) {
  const variable = `NATS_PASSWORD_${app.toUpperCase()}`;
  return { user: app, variable, password: process.env[variable] || `cirkel-development-only-${app}` };
}

module.exports = { ROOT, Fatal, state, label, log, sleep, halt, isRoot, run, waitFor, elapsed, natsAccount };
