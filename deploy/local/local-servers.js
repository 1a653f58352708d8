'use strict';
// PostgreSQL, Redis and NATS started from binaries installed on this machine (apt-get install -y
// postgresql redis-server nats-server). Each local* function answers either a function that starts
// the server and answers its stop function, or a string saying what is missing.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, Fatal, isRoot, log, natsAccount, run, sleep } = require('./common');

function which(cmd) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const executable = (p) => { try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; } };
  return dirs.map((dir) => path.join(dir, cmd)).find(executable);
}

function postgresBinaries() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
  const dir = versions.map((v) => `${base}/${v}/bin`).find((d) => fs.existsSync(`${d}/pg_ctl`) && fs.existsSync(`${d}/initdb`));
  return dir ? { pgCtl: `${dir}/pg_ctl`, initdb: `${dir}/initdb` } : { pgCtl: which('pg_ctl'), initdb: which('initdb') };
}

function homeOf(user) {
  const entry = run('getent', ['passwd', user]).stdout?.trim();
  return entry ? entry.split(':')[5] : undefined;
}

/**
 * Where the PostgreSQL cluster of a data folder lives: `<data>/postgres`, its log `<data>/postgres.log`.
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres`, which may not be
 * able to enter the checkout (a clone in root's home, a `mktemp -d` folder): then the cluster lives in
 * postgres' home instead, `~postgres/cirkel/<hash of the data folder's path>/` (`data/`, `postgres.log`).
 */
function postgresCluster(dataDir) {
  if (!isRoot()) return { dir: dataDir, pgData: path.join(dataDir, 'postgres'), pgLog: path.join(dataDir, 'postgres.log') };
  const key = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  const dir = path.join(homeOf('postgres') || '/var/lib/postgresql', 'cirkel', key);
  return { dir, pgData: path.join(dir, 'data'), pgLog: path.join(dir, 'postgres.log') };
}

function localPostgres(svc, dataDir) {
  const { pgCtl, initdb } = postgresBinaries();
  if (!pgCtl || !initdb) return 'no PostgreSQL server binaries (pg_ctl, initdb) found';
  if (isRoot() && (!which('runuser') || !homeOf('postgres'))) {
    return 'as root, PostgreSQL must run as the OS user "postgres" (with runuser), and there is none';
  }
  const { dir, pgData, pgLog } = postgresCluster(dataDir);
  // As root: as postgres, from a folder postgres can enter (the tools change back to their working directory).
  const pg = (cmd, args, what) => {
    const res = isRoot() ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: dir }) : run(cmd, args);
    if (res.status !== 0) throw new Fatal(`${what} failed:\n${res.stdout}${res.stderr}`);
  };
  return () => {
    if (!fs.existsSync(pgData)) {
      log(`creating a PostgreSQL cluster in ${pgData} (initdb, trust auth)`);
      fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
      if (isRoot()) run('chown', ['-R', 'postgres:', path.dirname(dir)]);
      pg(initdb, ['-D', pgData, '-U', svc.user, '--auth=trust', '--encoding=UTF8', '--no-locale'], 'initdb');
    }
    log(`PostgreSQL: data in ${pgData}, log in ${pgLog}`);
    fs.closeSync(fs.openSync(pgLog, 'a'));
    if (isRoot()) run('chown', ['postgres:', pgLog]);
    pg(pgCtl, ['-D', pgData, '-o', `-p ${svc.port} -k /tmp`, '-l', pgLog, '-w', 'start'], `pg_ctl start (see ${pgLog})`);
    return () => pg(pgCtl, ['-D', pgData, '-m', 'fast', '-w', 'stop'], 'pg_ctl stop');
  };
}

function localRedis(svc, dataDir) {
  const bin = which('redis-server');
  if (!bin) return 'no redis-server binary found';
  return () => {
    log(`Redis: no persistence, log in ${path.join(dataDir, 'redis.log')}`);
    const pidFile = path.join(dataDir, 'redis.pid');
    fs.mkdirSync(path.join(dataDir, 'redis'), { recursive: true });
    const res = run(bin, ['--port', String(svc.port), '--bind', '127.0.0.1', '-::1', '--save', '', '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction', '--daemonize', 'yes', '--dir', path.join(dataDir, 'redis'),
      '--logfile', path.join(dataDir, 'redis.log'), '--pidfile', pidFile]);
    if (res.status !== 0) throw new Fatal(`redis-server failed to start:\n${res.stdout}${res.stderr}`);
    return () => stopPid(pidFile);
  };
}

/**
 * The configuration of a NATS server of ours: deploy/nats/nats.conf's, with the apps' accounts
 * (deploy/nats/auth.conf, `npm run nats:render`), on 127.0.0.1 at `port`, its store in `dataDir/nats`.
 * Written into `dataDir` beside a copy of auth.conf (nats-server includes files relative to the
 * including one). Answers the file and the server's environment: every app's password
 * (`natsAccount`: NATS_PASSWORD_<APP> or the public development one, which is what the apps get).
 */
function natsConfig(port, dataDir) {
  const auth = fs.readFileSync(path.join(ROOT, 'deploy/nats/auth.conf'), 'utf8');
  fs.writeFileSync(path.join(dataDir, 'nats-auth.conf'), auth, { mode: 0o600 });
  const file = path.join(dataDir, 'nats.conf');
  fs.writeFileSync(file, [
    '# Written by npm start (deploy/local/local-servers.js) at every start: deploy/nats/nats.conf for this machine.',
    'host: 127.0.0.1',
    `port: ${port}`,
    `jetstream { store_dir: ${JSON.stringify(path.join(dataDir, 'nats'))} }`,
    'include nats-auth.conf',
    '',
  ].join('\n'), { mode: 0o600 });
  const apps = [...new Set(auth.match(/NATS_PASSWORD_[A-Z_]+/g))].map((variable) => variable.slice('NATS_PASSWORD_'.length).toLowerCase());
  const env = Object.fromEntries(apps.map((app) => [natsAccount(app).variable, natsAccount(app).password]));
  return { file, env };
}

function localNats(svc, dataDir) {
  const bin = which('nats-server');
  if (!bin) return 'no nats-server binary found';
  return () => {
    log(`NATS: a user per app (deploy/nats/auth.conf), JetStream store in ${path.join(dataDir, 'nats')}, log in ${path.join(dataDir, 'nats.log')}`);
    const pidFile = path.join(dataDir, 'nats.pid');
    fs.mkdirSync(path.join(dataDir, 'nats'), { recursive: true });
    const { file, env } = natsConfig(svc.port, dataDir);
    const out = fs.openSync(path.join(dataDir, 'nats.log'), 'a');
    const proc = spawn(bin, ['-c', file], { detached: true, stdio: ['ignore', out, out], env: { PATH: process.env.PATH || '', ...env } });
    fs.closeSync(out);
    proc.unref();
    fs.writeFileSync(pidFile, `${proc.pid}\n`);
    return () => stopPid(pidFile);
  };
}

async function stopPid(pidFile) {
  // redis-server writes its pid file a moment after daemonising.
  for (let i = 0; i < 50 && !fs.existsSync(pidFile); i++) await sleep(100);
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  if (alive()) process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(); i++) await sleep(100);
  if (alive()) process.kill(pid, 'SIGKILL');
  fs.rmSync(pidFile, { force: true });
}

module.exports = { which, localPostgres, localRedis, localNats, natsConfig, postgresCluster };
