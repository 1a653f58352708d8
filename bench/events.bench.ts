/**
 * Measures the event backbone against bare JetStream on the same servers, in the same run, with
 * equal batching and windows and the same write per event on the consuming side.
 *
 *   npm run bench:events -- [--events 20000] [--per-tx 100] [--writers 4]
 *                           [--production-events 10000] [--production-writers 8]
 *                           [--paced-events 10000] [--paced-rate 1000] [--warmup 2000]
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
 * At the end of every run the consuming table must hold each event exactly once; lost and
 * duplicated events are printed, and any makes the run fail (exit 1).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, JetStreamManager } from 'nats';
import { ensureTestDatabase, cleanupNamespace, testNamespace } from '@cirkel/testing';
import { Backbone } from './events-backbone';
import { Bare, backboneWindows } from './events-bare';
import { countOnce, Counted, countQuery, percentile, settle, Tally } from './events-tally';

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

interface Outcome {
  tally: Tally;
  elapsedMs?: number;
  counted: Counted;
}

const f = (x: number): string => Math.round(x).toLocaleString('en');
const rateOf = (o: Outcome): number => (o.elapsedMs ? (o.tally.events / o.elapsedMs) * 1000 : Number.NaN);

/** Runs writes on one side, waits for every commit and ack (printing progress), then counts each event in the consuming table. */
async function measure(
  tally: Tally,
  side: { jsm: JetStreamManager; stream: string; table: string; query: <R>(sql: string, params: unknown[]) => Promise<R[]> },
  write: () => Promise<void>,
): Promise<Outcome> {
  process.stdout.write(`${tally.label}: ${tally.events.toLocaleString('en')} events…\n`);
  const stopProgress = tally.progress();
  try {
    const writing = write();
    const [settled] = await Promise.all([settle(tally, side.jsm, side.stream), writing]);
    const [row] = await side.query<{ rows: number; events: number; ids: number; strange: number }>(countQuery(side.table), [tally.run, tally.events]);
    const counted = countOnce(tally, row);
    if (!settled.elapsedMs) process.stdout.write(`  ${tally.label}: stalled before every event was committed and acked\n`);
    return { tally, elapsedMs: settled.elapsedMs, counted };
  } finally {
    stopProgress();
  }
}

function onceLine(o: Outcome): string {
  return `lost ${o.counted.lost}, duplicated ${o.counted.duplicated}`;
}

function latencyLine(o: Outcome, from: 'due' | 'begun' = 'due'): string {
  const l = o.tally.latencies(from);
  return `p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${percentile(l, 100).toFixed(1)} ms`;
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
  try {
    backbone = await Backbone.start(namespace, POOL_SIZE);
    const windows = backboneWindows(backbone.consumerConfig);
    bare = new Bare(nc, namespace, backbone.consumerConfig.database.url, POOL_SIZE, windows);
    await bare.setUp();
    const bareTallies = new Map<number, Tally>();
    consuming = bare.consume((run) => bareTallies.get(run));
    const b = bare;
    const k = backbone;
    const bareSide = { jsm, stream: b.stream, table: b.countTable, query: <R>(sql: string, params: unknown[]) => b.query<R>(sql, params) };
    const backboneSide = { jsm, stream: k.stream, table: 'bench_seen', query: <R>(sql: string, params: unknown[]) => k.query<R>(sql, params) };
    const bareRun = (tally: Tally, write: () => Promise<void>): Promise<Outcome> => {
      bareTallies.set(tally.run, tally);
      return measure(tally, bareSide, write);
    };
    const backboneRun = (tally: Tally, write: () => Promise<void>): Promise<Outcome> => {
      k.track(tally);
      return measure(tally, backboneSide, write);
    };
    const batchedOf = (t: Tally) => () => b.publish(t, HUB);
    const backboneBatchedOf = (t: Tally) => () => k.writeBatched(t, HUB, PER_TX, WRITERS);

    process.stdout.write(
      `namespace ${namespace}; windows: publish batches of ${windows.publishBatch}, ${windows.publishInFlight} awaiting acks; ` +
        `pulls of ${windows.consumeBatch}, one transaction per batch, max_ack_pending ${windows.maxAckPending}\n`,
    );
    const outcomes: Outcome[] = [];
    const report: string[] = [''];
    if (WARMUP > 0) {
      // Not reported: the JIT and the connections warm up on both sides before either is measured.
      const [bareWarm, warm] = [new Tally(1, 'warm-up, bare', WARMUP), new Tally(2, 'warm-up, backbone', WARMUP)];
      outcomes.push(await bareRun(bareWarm, batchedOf(bareWarm)), await backboneRun(warm, backboneBatchedOf(warm)));
    }
    if (SHAPES.has('batched')) {
      const [bareTally, tally] = [new Tally(3, 'bare, batched', N), new Tally(4, `backbone, batched`, N)];
      const bareBatched = await bareRun(bareTally, batchedOf(bareTally));
      const batched = await backboneRun(tally, backboneBatchedOf(tally));
      outcomes.push(bareBatched, batched);
      report.push(
        `batched: ${f(N)} events, transactions of ${PER_TX} from ${WRITERS} writers (first write → last commit and ack)`,
        `  bare JetStream: ${f(rateOf(bareBatched))} events/s; ${onceLine(bareBatched)}`,
        `  backbone:       ${f(rateOf(batched))} events/s; ${onceLine(batched)}`,
        `  backbone latency, write → consumer's commit (saturated): ${latencyLine(batched)}`,
        `ratio: ${(rateOf(batched) / rateOf(bareBatched)).toFixed(2)} (goal ≥ 0.5)`,
      );
    }
    if (SHAPES.has('production')) {
      const timed = (write: () => Promise<void>, took: { ms: number }) => async () => {
        const start = performance.now();
        await write();
        took.ms = performance.now() - start;
      };
      const [bareTook, took] = [{ ms: 0 }, { ms: 0 }];
      const [bareTally, tally] = [new Tally(5, 'bare, production', PRODUCTION_N), new Tally(6, 'backbone, production', PRODUCTION_N)];
      const bareProduction = await bareRun(bareTally, timed(() => b.publishOneByOne(bareTally, HUB, PRODUCTION_WRITERS), bareTook));
      const production = await backboneRun(tally, timed(() => k.writeOneByOne(tally, HUB, PRODUCTION_WRITERS), took));
      const [barePacedTally, pacedTally] = [new Tally(7, `bare, paced at ${PACED_RATE}/s`, PACED_N), new Tally(8, `backbone, paced at ${PACED_RATE}/s`, PACED_N)];
      const barePaced = await bareRun(barePacedTally, () => b.publishOneByOne(barePacedTally, HUB, PRODUCTION_WRITERS, PACED_RATE));
      const paced = await backboneRun(pacedTally, () => k.writeOneByOne(pacedTally, HUB, PRODUCTION_WRITERS, PACED_RATE));
      outcomes.push(bareProduction, production, barePaced, paced);
      const writers = (o: Outcome, t: { ms: number }) => `the writers alone ${f((o.tally.events / t.ms) * 1000)}/s`;
      report.push(
        `production: one event per transaction from ${PRODUCTION_WRITERS} writers (bare: commit a row, then publish and await the ack)`,
        `  saturated, ${f(PRODUCTION_N)} events: bare ${f(rateOf(bareProduction))} events/s (${writers(bareProduction, bareTook)}); ${onceLine(bareProduction)}`,
        `                        backbone ${f(rateOf(production))} events/s (${writers(production, took)}); ${onceLine(production)}`,
        `  paced at ${f(PACED_RATE)} events/s, ${f(PACED_N)} events, due → consumer's commit (write → commit: from when the write began, without the writers' lateness):`,
        `    bare:     ${latencyLine(barePaced)} (write → commit ${latencyLine(barePaced, 'begun')}); ${onceLine(barePaced)}`,
        `    backbone: ${latencyLine(paced)} (write → commit ${latencyLine(paced, 'begun')}); ${onceLine(paced)}`,
        `  backbone p99 at ${f(PACED_RATE)}/s: ${percentile(paced.tally.latencies(), 99).toFixed(1)} ms (goal ≤ 25 ms)`,
      );
    }
    process.stdout.write(`${report.join('\n')}\n\n`);
    if (outcomes.some((o) => o.counted.lost + o.counted.duplicated > 0 || !o.elapsedMs)) {
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
