/** Load and CPU figures for bench/gateway.bench.ts: autocannon runs, latencies, CPU per request from /proc. */
import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Client } from 'pg';

export interface Figures {
  requests: number;
  answered: number;
  failures: number;
  /** How long the load ran. */
  seconds: number;
  /** Of every answered request, in ms. */
  latencies: number[];
}

export function combined(runs: Figures[]): Figures & { rate: number; p50: number; p99: number } {
  const all: Figures = {
    requests: runs.reduce((n, r) => n + r.requests, 0),
    answered: runs.reduce((n, r) => n + r.answered, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
  };
  const at = (p: number) => all.latencies[Math.min(all.latencies.length - 1, Math.floor(p * all.latencies.length))] ?? NaN;
  return { ...all, rate: all.answered / all.seconds, p50: at(0.5), p99: at(0.99) };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 0 elsewhere). */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
    return ((utime + stime) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/**
 * CPU used so far by each side's processes, per process: the four Node processes, and the
 * PostgreSQL backends of the bench's database by application name (partners' and the gateway's
 * pools name theirs cirkel-<app>, the bare responder's bench-bare, the floor's bench-floor). Unlike rates, CPU per request
 * hardly moves with what else the machine runs.
 */
export async function cpuSnapshot(db: Client, database: string, processes: Record<string, { process: ChildProcess }>): Promise<Record<string, Map<number, number>>> {
  const { rows } = await db.query<{ pid: number; app: string }>(
    `SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  const backends = (app: string) => new Map(rows.filter((r) => r.app === app).map((r) => [r.pid, cpuMsOf(r.pid)]));
  return {
    ...Object.fromEntries(Object.entries(processes).map(([name, child]) => [name, new Map([[child.process.pid ?? 0, cpuMsOf(child.process.pid)]])])),
    'postgres for partners': backends('cirkel-partners'),
    'postgres for the gateway': backends('cirkel-gateway'),
    'postgres for bare': backends('bench-bare'),
    'postgres for floor': backends('bench-floor'),
  };
}

/** CPU used between two snapshots; a backend that came in between counts from its start. */
export function cpuBetween(before: Record<string, Map<number, number>>, after: Record<string, Map<number, number>>, name: string): number {
  let total = 0;
  for (const [pid, ms] of after[name]) total += ms - (before[name].get(pid) ?? 0);
  return total;
}

/** CPU per request of each process over a side's turns, less what the Node processes use at idle in as long. */
export function cpuPerRequest(used: Record<string, number>, names: string[], run: Figures, idleMsPerS: (name: string) => number): string {
  return names
    .map((name) => {
      const idle = name.startsWith('postgres') ? 0 : idleMsPerS(name) * run.seconds;
      return `${name} ${(Math.max(0, (used[name] ?? 0) - idle) / Math.max(1, run.requests)).toFixed(2)}`;
    })
    .join(', ');
}

/** Runs autocannon against `url`, printing progress each second; answers the measured figures. */
export async function load(label: string, url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<Figures> {
  let answered = 0;
  let failed = 0;
  const latencies: number[] = [];
  const run = autocannon({ url, connections, duration: seconds, headers });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) return failed++;
    answered++;
    latencies.push(ms);
  });
  const started = performance.now();
  let last = 0;
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    process.stdout.write(`  ${label}: ${elapsed.toFixed(0)} s, ${answered.toLocaleString('en')} answered (${Math.round((answered - last) / 1).toLocaleString('en')}/s)${failed ? `, ${failed} failed` : ''}\n`);
    last = answered;
  }, 1000);
  const result = await run;
  clearInterval(timer);
  const failures = result.errors + result.timeouts + result.non2xx;
  return { requests: result.requests.total, answered: result['2xx'], failures, seconds: result.duration, latencies };
}

/** Write system calls a process has made so far (`syscw` of /proc/<pid>/io; 0 where there is none): each socket write is one. */
export function writesOf(pid: number | undefined): number {
  try {
    return Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Write system calls per request of each named process over a side's turns. */
export function writesPerRequest(writes: Record<string, number>, names: string[], run: Figures): string {
  return names.map((name) => `${name} ${((writes[name] ?? 0) / Math.max(1, run.requests)).toFixed(2)}`).join(', ');
}
