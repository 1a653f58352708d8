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
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, JetStreamManager } from 'nats';
import { ensureTestDatabase, cleanupNamespace, testNamespace } from '@cirkel/testing';
import { Backbone } from './events-backbone';
import { Bare, backboneWindows } from './events-bare';
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

/** Where a side's events go and how to read them back. */
interface Side {
  stream: string;
  table: string;
  query<R>(sql: string, params: unknown[]): Promise<R[]>;
  /** Routes the consumer's commits of a run to its tally. */
  track(tally: Tally): void;
  /** Notes when the relay published each event of a run; answers in how many batches (a side with a relay). */
  relayMarks?(tally: Tally): Promise<number>;
  /** The PostgreSQL backends of the side's pools (their CPU is counted per event). */
  backends(): number[];
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
  /** Consumer transactions, and relay batches (none for bare). */
  transactions: number;
  relayBatches: number;
  /** Due → consumer's commit, and write began → consumer's commit, in ms, sorted. */
  due: number[];
  begun: number[];
  /** The parts of the way, in ms, sorted (`STAGES`). */
  stages: Record<Stage, number[]>;
  /** CPU used during the legs (first write → settled), in ms: this process (both sides' code, run one leg at a time), and the side's Postgres backends. */
  nodeCpuMs: number;
  postgresCpuMs: number;
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
async function measure(jsm: JetStreamManager, side: Side, tally: Tally, write: (tally: Tally) => Promise<void>): Promise<Outcome> {
  process.stdout.write(`${tally.label}: ${tally.events.toLocaleString('en')} events…\n`);
  side.track(tally);
  const stopProgress = tally.progress();
  try {
    const cpuAtStart = process.cpuUsage();
    const backendsAtStart = backendCpu(side.backends());
    const start = performance.now();
    let writersMs = 0;
    const writing = write(tally).then(() => (writersMs = performance.now() - start));
    const [settled] = await Promise.all([settle(tally, jsm, side.stream), writing]);
    const cpu = process.cpuUsage(cpuAtStart);
    const nodeCpuMs = (cpu.user + cpu.system) / 1000;
    const postgresCpuMs = cpuBetween({ postgres: backendsAtStart }, { postgres: backendCpu(side.backends()) }, 'postgres');
    const [row] = await side.query<{ rows: number; events: number; ids: number; strange: number }>(countQuery(side.table), [tally.run, tally.events]);
    const counted = countOnce(tally, row);
    if (!settled.elapsedMs) process.stdout.write(`  ${tally.label}: stalled before every event was committed and acked\n`);
    const relayBatches = (await side.relayMarks?.(tally)) ?? 0;
    const stages = Object.fromEntries(
      Object.entries(STAGES).map(([stage, [from, to]]) => [stage, tally.span(relayBatches > 0 || from !== 'published' ? from : 'written', to)]),
    ) as Record<Stage, number[]>;
    const latencies = { due: tally.latencies('due'), begun: tally.latencies('begun'), stages };
    return { events: tally.events, elapsedMs: settled.elapsedMs, writersMs, ...counted, transactions: tally.transactions, relayBatches, ...latencies, nodeCpuMs, postgresCpuMs };
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
    relayBatches: sum((o) => o.relayBatches),
    due: sorted((o) => o.due),
    begun: sorted((o) => o.begun),
    stages: Object.fromEntries(Object.keys(STAGES).map((stage) => [stage, sorted((o) => o.stages[stage as Stage])])) as Record<Stage, number[]>,
    nodeCpuMs: sum((o) => o.nodeCpuMs),
    postgresCpuMs: sum((o) => o.postgresCpuMs),
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
  label: string,
  events: number,
  sides: Record<SideName, Side>,
  writes: Record<SideName, (tally: Tally) => Promise<void>>,
): Promise<Record<SideName, Outcome>> {
  const legs: Record<SideName, Outcome[]> = { bare: [], backbone: [] };
  const order: SideName[] = ['bare', 'backbone', 'backbone', 'bare'];
  for (const [i, name] of order.entries()) {
    const share = i < 2 ? Math.ceil(events / 2) : Math.floor(events / 2);
    if (share > 0) legs[name].push(await measure(jsm, sides[name], new Tally(nextRun++, `${label}, ${name} (${i + 1}/4)`, share), writes[name]));
  }
  return { bare: combine(legs.bare), backbone: combine(legs.backbone) };
}

function onceLine(o: Outcome): string {
  return `lost ${o.lost}, duplicated ${o.duplicated}`;
}

/** Events per relay batch and per consumer transaction: how much each round trip carried. */
function batchesLine(o: Outcome): string {
  const each = (count: number): string => (o.events / count).toFixed(1);
  const relay = o.relayBatches > 0 ? `relay batches ${f(o.relayBatches)} (${each(o.relayBatches)} events each), ` : '';
  return `${relay}consumer transactions ${f(o.transactions)} (${each(o.transactions)} events each)`;
}

/** p50 / p99 of each part of the way (bare has no relay: its consumer part counts from the writer's ack). */
function stagesLine(o: Outcome): string {
  const parts = (Object.keys(STAGES) as Stage[]).filter((stage) => o.stages[stage].length > 0);
  return parts.map((stage) => `${STAGES[stage][2]} ${percentile(o.stages[stage], 50).toFixed(1)}/${percentile(o.stages[stage], 99).toFixed(1)}`).join(', ');
}

/** CPU ms per event: less moved by the shared machine's load than rates and latencies. */
function cpuLine(o: Outcome): string {
  return `CPU per event ${(o.nodeCpuMs / o.events).toFixed(2)} ms in Node, ${(o.postgresCpuMs / o.events).toFixed(2)} ms in Postgres`;
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
  let backbone: Backbone | undefined;
  let bare: Bare | undefined;
  let consuming: { stop: () => Promise<void> } | undefined;
  const all: Outcome[] = [];
  try {
    backbone = await Backbone.start(namespace, POOL_SIZE);
    const windows = backboneWindows(backbone.consumerConfig);
    bare = new Bare(nc, namespace, backbone.consumerConfig.database.url, POOL_SIZE, windows);
    await bare.setUp();
    const bareTallies = new Map<number, Tally>();
    consuming = bare.consume((run) => bareTallies.get(run));
    const [b, k] = [bare, backbone];
    const sides: Record<SideName, Side> = {
      bare: {
        stream: b.stream,
        table: b.countTable,
        query: (sql, params) => b.query(sql, params),
        track: (t) => bareTallies.set(t.run, t),
        backends: () => b.backends(),
      },
      backbone: {
        stream: k.stream,
        table: 'bench_seen',
        query: (sql, params) => k.query(sql, params),
        track: (t) => k.track(t),
        relayMarks: (t) => k.relayMarks(t),
        backends: () => k.backends(),
      },
    };
    const batched = { bare: (t: Tally) => b.publish(t, HUB), backbone: (t: Tally) => k.writeBatched(t, HUB, PER_TX, WRITERS) };
    const oneByOne = (perSecond?: number) => ({
      bare: (t: Tally) => b.publishOneByOne(t, HUB, PRODUCTION_WRITERS, perSecond),
      backbone: (t: Tally) => k.writeOneByOne(t, HUB, PRODUCTION_WRITERS, perSecond),
    });

    process.stdout.write(
      `namespace ${namespace}; windows: publish batches of ${windows.publishBatch}, ${windows.publishInFlight} awaiting acks; ` +
        `pulls of ${windows.consumeBatch}, one transaction per batch, max_ack_pending ${windows.maxAckPending}\n`,
    );
    const report: string[] = [''];
    // Not reported: the JIT and the connections warm up on both sides before either is measured.
    if (WARMUP > 0) all.push(...Object.values(await compare(jsm, 'warm-up', WARMUP, sides, batched)));
    if (SHAPES.has('batched')) {
      const r = await compare(jsm, 'batched', N, sides, batched);
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
      const r = await compare(jsm, 'production', PRODUCTION_N, sides, oneByOne());
      const p = await compare(jsm, `paced at ${PACED_RATE}/s`, PACED_N, sides, oneByOne(PACED_RATE));
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
    await consuming?.stop();
    await bare?.close();
    await backbone?.close();
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
