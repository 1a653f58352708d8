/**
 * Measures the event backbone against bare JetStream on the same servers, in the same run, with
 * equal batching and windows and the same write per event on the consuming side.
 *
 *   npm run bench:events -- [--events 20000] [--per-tx 100] [--writers 4]
 *                           [--production-events 10000] [--production-writers 8]
 *                           [--paced-events 10000] [--paced-rate 1000] [--warmup 2000] [--shapes batched,production]
 *
 * Batched shape: N events written in transactions of --per-tx from --writers at once.
 *   Backbone: outbox of one service → its relay (batches of 500, three awaiting acks) → JetStream →
 *   a second service's `@EventPattern` handler, which INSERTs the event's id into a table of its own
 *   in the delivery's transaction (pulls of 100, one transaction per batch with the inbox).
 *   Bare: the same envelopes published with `nats` in batches of 500 with three awaiting acks, and a
 *   pull consumer with the transport's pulls of 100 and window, the same INSERT per event in one
 *   transaction per batch, acked after commit.
 *   Rate: events / (first write → last commit and ack); `ratio` = backbone / bare.
 * Production shape: one event per transaction from --production-writers at once, saturated (rate),
 *   then paced at --paced-rate (latency from when each write was due to its consumer's commit).
 * Each comparison runs in four legs, bare, backbone, backbone, bare, with half of the events each, so
 * that a change in the shared machine's load weighs on both sides alike. At the end of every leg the
 * consuming table must hold each event exactly once; lost and duplicated events are printed, and any
 * makes the run fail (exit 1). `--shapes batched` or `--shapes production` runs one shape (for --cpu-prof).
 * Each side also prints its CPU per event, in this process and in its pools' Postgres backends (by
 * pid, from /proc): on the shared machine it moves far less with the load than rates and latencies.
 */
import './events-database'; // first: sets the database @cirkel/testing uses
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, JetStreamManager } from 'nats';
import { Pool } from 'pg';
import { ensureTestDatabase, cleanupNamespace, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { BackboneConsumer, BackboneWriter, relayMarks } from './events-backbone';
import { Bare, backboneWindows } from './events-bare';
import { Commits, SideAnswer, SideCommand, SideRole, WriteCommand } from './events-side';
import { countOnce, countQuery, Moment, percentile, settle, Tally } from './events-tally';
import { cpuBetween, cpuMsOf } from './measure';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    'per-tx': { type: 'string', default: '100' },
    writers: { type: 'string', default: '4' },
    'production-events': { type: 'string', default: '10000' },
    'production-writers': { type: 'string', default: '8' },
    'paced-events': { type: 'string', default: '10000' },
    'paced-rate': { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '2000' },
    shapes: { type: 'string', default: 'batched,production' },
  },
});
const N = Number(args.events);
const PER_TX = Number(args['per-tx']);
const WRITERS = Number(args.writers);
const PRODUCTION_N = Number(args['production-events']);
const PRODUCTION_WRITERS = Number(args['production-writers']);
const PACED_N = Number(args['paced-events']);
const PACED_RATE = Number(args['paced-rate']);
const WARMUP = Number(args.warmup);
const SHAPES = new Set(args.shapes.split(','));
/** Connections of each service's pool, and of the bare consumer's. */
const POOL_SIZE = 10;
const HUB = randomUUID();

type SideName = 'bare' | 'backbone';

/** One of the bench's processes (bench/events-side.ts), asked over IPC. */
class SideProcess {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (value: SideAnswer) => void; reject: (error: Error) => void }>();

  private constructor(
    readonly role: SideRole,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: { id?: number; value?: SideAnswer; error?: string }) => {
      const asked = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!asked || message.id === undefined) return;
      this.waiting.delete(message.id);
      if (message.error) asked.reject(new Error(`${role}: ${message.error}`));
      else asked.resolve(message.value ?? null);
    });
    child.on('exit', (code) => {
      for (const asked of this.waiting.values()) asked.reject(new Error(`${role} exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Starts the process and waits until it is ready (its service started, its consumer made). */
  static start(role: SideRole, namespace: string): Promise<SideProcess> {
    const child = fork(require.resolve('./events-side.ts'), [role], {
      // The same heap settings as the services in production (npm start, the Dockerfile).
      // BENCH_CPU_PROF=DIR: each process writes a V8 CPU profile there (read with bench/cpuprofile-top.ts).
      execArgv: [...process.execArgv, '--max-semi-space-size=8', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${role}.cpuprofile`] : [])],
      env: { ...process.env, BENCH_NAMESPACE: namespace, BENCH_POOL_SIZE: String(POOL_SIZE) },
      serialization: 'advanced',
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${role} exited (${code}) before it was ready`)));
      child.once('message', () => resolve(new SideProcess(role, child)));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  ask(command: SideCommand): Promise<SideAnswer> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...command, id });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask({ cmd: 'close' }).catch(() => this.child.kill('SIGKILL'));
    await exited;
  }
}

/** A side: its writers' process and its consumer's, where its events go, and how to read them back. */
interface Side {
  writer: SideProcess;
  consumer: SideProcess;
  stream: string;
  table: string;
  /** The schema of the publisher's outbox (a side with a relay). */
  outbox?: string;
}

/** What one side did with its share of a comparison (its legs together). */
interface Outcome {
  events: number;
  /** The legs' time, first write → last commit and ack, added up; undefined if a leg stalled. */
  elapsedMs?: number;
  /** The writers' time alone, added up. */
  writersMs: number;
  lost: number;
  duplicated: number;
  /** Consumer transactions. */
  transactions: number;
  /** Due → consumer's commit, and write began → consumer's commit, in ms, sorted. */
  due: number[];
  begun: number[];
  /** The parts of the way, in ms, sorted (`STAGES`). */
  stages: Record<Stage, number[]>;
  /** CPU used during the legs (first write → settled), in ms: the side's two processes (writers, consumer) and their pools' Postgres backends. */
  nodeCpuMs: number;
  postgresCpuMs: number;
  /** The same, of the writers' side alone (their process with the publishing service and relay, and its backends). */
  writerNodeCpuMs: number;
  writerPostgresCpuMs: number;
}

type Stage = 'lateness' | 'write' | 'relay' | 'consume';
/** From which moment to which each part of an event's way is measured; the relay's moment is its mark, after the acks of the batch. */
const STAGES: Record<Stage, [Moment, Moment, string]> = {
  lateness: ['due', 'begun', 'writer late'],
  write: ['begun', 'written', 'write (bare: commit, publish, ack)'],
  relay: ['written', 'published', 'relay (commit → batch acked and marked)'],
  consume: ['published', 'committed', "published (relay's mark; bare: ack) → consumer's commit"],
};

const f = (x: number): string => Math.round(x).toLocaleString('en');
const rateOf = (o: Outcome): number => (o.elapsedMs ? (o.events / o.elapsedMs) * 1000 : Number.NaN);
let nextRun = 1;

/** Runs one leg on one side: writes, waits for every commit and ack (printing progress), then counts each event in the consuming table. */
async function measure(jsm: JetStreamManager, db: Pool, side: Side, tally: Tally, write: Omit<WriteCommand, 'cmd' | 'run' | 'events'>): Promise<Outcome> {
  process.stdout.write(`${tally.label}: ${tally.events.toLocaleString('en')} events…\n`);
  await side.consumer.ask({ cmd: 'track', run: tally.run, events: tally.events });
  tally.firstStart = performance.now(); // for the progress lines, until the writers' own moments arrive
  const stopProgress = tally.progress();
  try {
    const processes = [side.writer, side.consumer];
    const backends = async (p: SideProcess): Promise<number[]> => (await p.ask({ cmd: 'backends' })) as number[];
    const nodeAtStart = processes.map((p) => cpuMsOf(p.pid));
    const backendsAtStart = await Promise.all(processes.map(async (p) => backendCpu(await backends(p))));
    const start = performance.now();
    let writersMs = 0;
    const writing = side.writer.ask({ cmd: 'write', run: tally.run, events: tally.events, ...write }).then((moments) => {
      writersMs = performance.now() - start;
      tally.adopt(moments as Partial<Record<Moment, Float64Array>>);
    });
    const allIn = tally.polledIn(async () => (await side.consumer.ask({ cmd: 'count', run: tally.run })) as Commits);
    const [settledAt] = await Promise.all([settle(jsm, side.stream, allIn), writing]);
    const [writerNodeCpuMs, consumerNodeCpuMs] = processes.map((p, i) => cpuMsOf(p.pid) - nodeAtStart[i]);
    const [writerPostgresCpuMs, consumerPostgresCpuMs] = await Promise.all(
      processes.map(async (p, i) => cpuBetween({ postgres: backendsAtStart[i] }, { postgres: backendCpu(await backends(p)) }, 'postgres')),
    );
    const nodeCpuMs = writerNodeCpuMs + consumerNodeCpuMs;
    const postgresCpuMs = writerPostgresCpuMs + consumerPostgresCpuMs;
    const { moments, ...commits } = (await side.consumer.ask({ cmd: 'commits', run: tally.run })) as Commits & { moments: Partial<Record<Moment, Float64Array>> };
    tally.adopt(moments, commits);
    const elapsedMs = settledAt === undefined ? undefined : settledAt - tally.firstStart;
    const { rows } = await db.query<{ rows: number; events: number; ids: number; strange: number }>(countQuery(side.table), [tally.run, tally.events]);
    const counted = countOnce(tally, rows[0]);
    if (!elapsedMs) process.stdout.write(`  ${tally.label}: stalled before every event was committed and acked\n`);
    if (side.outbox) await relayMarks(db, side.outbox, tally);
    const stages = Object.fromEntries(
      Object.entries(STAGES).map(([stage, [from, to]]) => [stage, tally.span(side.outbox || from !== 'published' ? from : 'written', to)]),
    ) as Record<Stage, number[]>;
    const latencies = { due: tally.latencies('due'), begun: tally.latencies('begun'), stages };
    return { events: tally.events, elapsedMs, writersMs, ...counted, transactions: tally.transactions, ...latencies, nodeCpuMs, postgresCpuMs, writerNodeCpuMs, writerPostgresCpuMs };
  } finally {
    stopProgress();
  }
}

function combine(legs: Outcome[]): Outcome {
  const sum = (pick: (o: Outcome) => number): number => legs.reduce((total, o) => total + pick(o), 0);
  const sorted = (pick: (o: Outcome) => number[]): number[] => legs.flatMap(pick).sort((a, b) => a - b);
  return {
    events: sum((o) => o.events),
    elapsedMs: legs.every((o) => o.elapsedMs) ? sum((o) => o.elapsedMs ?? 0) : undefined,
    writersMs: sum((o) => o.writersMs),
    lost: sum((o) => o.lost),
    duplicated: sum((o) => o.duplicated),
    transactions: sum((o) => o.transactions),
    due: sorted((o) => o.due),
    begun: sorted((o) => o.begun),
    stages: Object.fromEntries(Object.keys(STAGES).map((stage) => [stage, sorted((o) => o.stages[stage as Stage])])) as Record<Stage, number[]>,
    nodeCpuMs: sum((o) => o.nodeCpuMs),
    postgresCpuMs: sum((o) => o.postgresCpuMs),
    writerNodeCpuMs: sum((o) => o.writerNodeCpuMs),
    writerPostgresCpuMs: sum((o) => o.writerPostgresCpuMs),
  };
}

/** CPU used so far by each backend, by pid. */
function backendCpu(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMsOf(pid)]));
}

/**
 * Runs `events` on each side in four legs, bare, backbone, backbone, bare (half the events each), so
 * that the machine's load changing during the run (it is shared) weighs on both sides alike.
 */
async function compare(
  jsm: JetStreamManager,
  db: Pool,
  label: string,
  events: number,
  sides: Record<SideName, Side>,
  write: Omit<WriteCommand, 'cmd' | 'run' | 'events'>,
): Promise<Record<SideName, Outcome>> {
  const legs: Record<SideName, Outcome[]> = { bare: [], backbone: [] };
  const order: SideName[] = ['bare', 'backbone', 'backbone', 'bare'];
  for (const [i, name] of order.entries()) {
    const share = i < 2 ? Math.ceil(events / 2) : Math.floor(events / 2);
    if (share > 0) legs[name].push(await measure(jsm, db, sides[name], new Tally(nextRun++, `${label}, ${name} (${i + 1}/4)`, share), write));
  }
  return { bare: combine(legs.bare), backbone: combine(legs.backbone) };
}

function onceLine(o: Outcome): string {
  return `lost ${o.lost}, duplicated ${o.duplicated}`;
}

/** Events per consumer transaction: how much each round trip carried. */
function batchesLine(o: Outcome): string {
  return `consumer transactions ${f(o.transactions)} (${(o.events / o.transactions).toFixed(1)} events each)`;
}

/** p50 / p99 of each part of the way (bare has no relay: its consumer part counts from the writer's ack). */
function stagesLine(o: Outcome): string {
  const parts = (Object.keys(STAGES) as Stage[]).filter((stage) => o.stages[stage].length > 0);
  return parts.map((stage) => `${STAGES[stage][2]} ${percentile(o.stages[stage], 50).toFixed(1)}/${percentile(o.stages[stage], 99).toFixed(1)}`).join(', ');
}

/** CPU ms per event: less moved by the shared machine's load than rates and latencies. */
function cpuLine(o: Outcome): string {
  const ms = (x: number): string => (x / o.events).toFixed(2);
  return (
    `CPU per event ${ms(o.nodeCpuMs)} ms in Node (writers ${ms(o.writerNodeCpuMs)}, consumer ${ms(o.nodeCpuMs - o.writerNodeCpuMs)}), ` +
    `${ms(o.postgresCpuMs)} ms in Postgres (writers ${ms(o.writerPostgresCpuMs)}, consumer ${ms(o.postgresCpuMs - o.writerPostgresCpuMs)})`
  );
}

function latencyLine(sorted: readonly number[]): string {
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${percentile(sorted, 100).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  await ensureTestDatabase();
  // The same client settings as the backbone's connections (libs/messaging/src/nats-connection.ts).
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', noAsyncTraces: true });
  const jsm = await nc.jetstreamManager();
  const db = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  const processes: SideProcess[] = [];
  const all: Outcome[] = [];
  try {
    process.stdout.write('starting the four processes (each side: its writers with their service, its consumer)…\n');
    // The consumers first: they make the streams, the consumers and the consuming tables.
    for (const role of ['backbone-consumer', 'bare-consumer', 'backbone-writer', 'bare-writer'] as const) processes.push(await SideProcess.start(role, namespace));
    const [backboneConsumer, bareConsumer, backboneWriter, bareWriter] = processes;
    const windows = backboneWindows(testConfig('notifications', namespace));
    const sides: Record<SideName, Side> = {
      bare: { writer: bareWriter, consumer: bareConsumer, stream: Bare.streamOf(namespace), table: Bare.tableOf(namespace) },
      backbone: {
        writer: backboneWriter,
        consumer: backboneConsumer,
        stream: BackboneWriter.streamOf(namespace),
        table: BackboneConsumer.tableOf(namespace),
        outbox: BackboneWriter.schemaOf(namespace),
      },
    };
    const batched = { hubId: HUB, shape: 'batched', perTx: PER_TX, writers: WRITERS } as const;
    const oneByOne = (perSecond?: number) => ({ hubId: HUB, shape: 'one-by-one', perTx: 1, writers: PRODUCTION_WRITERS, perSecond }) as const;

    process.stdout.write(
      `namespace ${namespace}; windows: publish batches of ${windows.publishBatch}, ${windows.publishInFlight} awaiting acks; ` +
        `pulls of ${windows.consumeBatch}, one transaction per batch, max_ack_pending ${windows.maxAckPending}\n`,
    );
    const report: string[] = [''];
    // Not reported: the JIT and the connections warm up on both sides before either is measured.
    if (WARMUP > 0) all.push(...Object.values(await compare(jsm, db, 'warm-up', WARMUP, sides, batched)));
    if (SHAPES.has('batched')) {
      const r = await compare(jsm, db, 'batched', N, sides, batched);
      all.push(r.bare, r.backbone);
      report.push(
        `batched: ${f(N)} events a side, transactions of ${PER_TX} from ${WRITERS} writers (first write → last commit and ack)`,
        `  bare JetStream: ${f(rateOf(r.bare))} events/s; ${onceLine(r.bare)}`,
        `  backbone:       ${f(rateOf(r.backbone))} events/s; ${onceLine(r.backbone)}`,
        `  backbone latency, write → consumer's commit (saturated): ${latencyLine(r.backbone.due)}`,
        `  bare: ${batchesLine(r.bare)}; backbone: ${batchesLine(r.backbone)}`,
        `  bare: ${cpuLine(r.bare)}; backbone: ${cpuLine(r.backbone)}`,
        `ratio: ${(rateOf(r.backbone) / rateOf(r.bare)).toFixed(2)} (goal ≥ 0.5)`,
      );
    }
    if (SHAPES.has('production')) {
      const r = await compare(jsm, db, 'production', PRODUCTION_N, sides, oneByOne());
      const p = await compare(jsm, db, `paced at ${PACED_RATE}/s`, PACED_N, sides, oneByOne(PACED_RATE));
      all.push(r.bare, r.backbone, p.bare, p.backbone);
      const writers = (o: Outcome): string => `the writers alone ${f((o.events / o.writersMs) * 1000)}/s`;
      report.push(
        `production: one event per transaction from ${PRODUCTION_WRITERS} writers (bare: commit a row, then publish and await the ack)`,
        `  saturated, ${f(PRODUCTION_N)} events a side: bare ${f(rateOf(r.bare))} events/s (${writers(r.bare)}); ${onceLine(r.bare)}`,
        `                               backbone ${f(rateOf(r.backbone))} events/s (${writers(r.backbone)}); ${onceLine(r.backbone)}; ratio ${(rateOf(r.backbone) / rateOf(r.bare)).toFixed(2)}`,
        `    bare: ${batchesLine(r.bare)}; backbone: ${batchesLine(r.backbone)}`,
        `    bare: ${cpuLine(r.bare)}; backbone: ${cpuLine(r.backbone)}`,
        `  paced at ${f(PACED_RATE)} events/s, ${f(PACED_N)} events a side; due → consumer's commit, and from when the write began (without the writers' lateness):`,
        `    bare:     ${latencyLine(p.bare.due)}; from the write ${latencyLine(p.bare.begun)}; ${onceLine(p.bare)}`,
        `    backbone: ${latencyLine(p.backbone.due)}; from the write ${latencyLine(p.backbone.begun)}; ${onceLine(p.backbone)}`,
        `    bare: ${batchesLine(p.bare)}; backbone: ${batchesLine(p.backbone)}`,
        `    bare: ${cpuLine(p.bare)}; backbone: ${cpuLine(p.backbone)}`,
        `    where the time goes, p50/p99 ms: bare: ${stagesLine(p.bare)}`,
        `                                     backbone: ${stagesLine(p.backbone)}`,
        `  backbone p99 at ${f(PACED_RATE)}/s: ${percentile(p.backbone.due, 99).toFixed(1)} ms (goal ≤ 25 ms)`,
      );
    }
    process.stdout.write(`${report.join('\n')}\n\n`);
    if (all.some((o) => o.lost + o.duplicated > 0 || !o.elapsedMs)) {
      process.stdout.write('NOT every event was applied exactly once: see above\n');
      process.exitCode = 1;
    }
  } finally {
    for (const p of processes.reverse()) await p.close();
    await db.end();
    await nc.close();
    await cleanupNamespace(namespace);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack ?? String(error)}\nIs PostgreSQL, NATS and Redis running? (see README)\n`);
    process.exit(1);
  },
);
