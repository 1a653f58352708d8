/**
 * One process of the events benchmark (bench/events.bench.ts starts four, and runs one side at a
 * time): each side's writers and its consumer run in processes of their own, as a publishing and a
 * consuming service do in production, so neither waits on the other's event loop.
 *
 *   node -r @swc-node/register bench/events-side.ts <backbone-writer|backbone-consumer|bare-writer|bare-consumer>
 *
 * Settings come from the environment (BENCH_NAMESPACE, BENCH_POOL_SIZE, NATS_URL); commands come
 * from the parent over IPC, answered with the same `id`: `write` (a run's events; answers the
 * writers' moments), `track` and `count` and `commits` (a consumer's commits of a run), `backends`
 * (the pool's Postgres pids, for CPU per event) and `close`.
 */
import { connect, NatsConnection } from 'nats';
import { TEST_DATABASE_URL } from '@cirkel/testing';
import { BackboneConsumer, BackboneWriter } from './events-backbone';
import { Bare, backboneWindows } from './events-bare';
import { Moment, Tally } from './events-tally';
import { required } from './bench-process';
import { testConfig } from '@cirkel/testing';

export type SideRole = 'backbone-writer' | 'backbone-consumer' | 'bare-writer' | 'bare-consumer';

/** A run's events to write: batched (`perTx` events a transaction) or one by one (optionally paced). */
export interface WriteCommand {
  cmd: 'write';
  run: number;
  events: number;
  hubId: string;
  shape: 'batched' | 'one-by-one';
  perTx: number;
  writers: number;
  perSecond?: number;
}

export type SideCommand =
  | WriteCommand
  | { cmd: 'track'; run: number; events: number }
  | { cmd: 'count'; run: number }
  | { cmd: 'commits'; run: number }
  | { cmd: 'backends' }
  | { cmd: 'close' };

export interface Commits {
  committed: number;
  distinct: number;
  transactions: number;
}

export type SideAnswer = Partial<Record<Moment, Float64Array>> | Commits | (Commits & { moments: Partial<Record<Moment, Float64Array>> }) | number[] | null;

interface Writer {
  write(c: WriteCommand, tally: Tally): Promise<void>;
  backends(): number[];
  close(): Promise<void>;
}

interface Consumer {
  track(tally: Tally): void;
  backends(): number[];
  close(): Promise<void>;
}

async function bareOf(nc: NatsConnection, namespace: string, poolSize: number): Promise<Bare> {
  const config = testConfig('notifications', namespace);
  return new Bare(nc, namespace, TEST_DATABASE_URL, poolSize, backboneWindows(config));
}

/** BENCH_COUNT_STATEMENTS=1: counts the statements this process sends to PostgreSQL, by their start, printed on close. */
function countStatements(): Map<string, number> | undefined {
  if (process.env.BENCH_COUNT_STATEMENTS !== '1') return undefined;
  const counts = new Map<string, number>();
  const { Client } = require('pg') as typeof import('pg');
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    const key = typeof first === 'string' ? first : (first?.name ?? first?.text ?? '?');
    const short = key.replace(/\s+/g, ' ').slice(0, 60);
    counts.set(short, (counts.get(short) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  return counts;
}

async function main(): Promise<void> {
  const role = process.argv[2] as SideRole;
  const statements = countStatements();
  const namespace = required('BENCH_NAMESPACE');
  const poolSize = Number(required('BENCH_POOL_SIZE'));
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', noAsyncTraces: true });
  const tallies = new Map<number, Tally>();
  let writer: Writer | undefined;
  let consumer: Consumer | undefined;
  let stopConsuming: (() => Promise<void>) | undefined;

  switch (role) {
    case 'backbone-writer': {
      const w = await BackboneWriter.start(namespace, poolSize);
      writer = {
        write: (c, t) => (c.shape === 'batched' ? w.writeBatched(t, c.hubId, c.perTx, c.writers) : w.writeOneByOne(t, c.hubId, c.writers, c.perSecond)),
        backends: () => w.backends(),
        close: () => w.close(),
      };
      break;
    }
    case 'backbone-consumer': {
      const k = await BackboneConsumer.start(namespace, poolSize);
      consumer = { track: (t) => k.track(t), backends: () => k.backends(), close: () => k.close() };
      break;
    }
    case 'bare-writer': {
      const b = await bareOf(nc, namespace, poolSize);
      writer = {
        write: (c, t) => (c.shape === 'batched' ? b.publish(t, c.hubId) : b.publishOneByOne(t, c.hubId, c.writers, c.perSecond)),
        backends: () => b.backends(),
        close: () => b.close(),
      };
      break;
    }
    case 'bare-consumer': {
      const b = await bareOf(nc, namespace, poolSize);
      await b.setUp();
      stopConsuming = b.consume((run) => tallies.get(run)).stop;
      consumer = { track: (t) => tallies.set(t.run, t), backends: () => b.backends(), close: () => b.close() };
      break;
    }
    default:
      throw new Error(`unknown role ${role}: backbone-writer, backbone-consumer, bare-writer or bare-consumer`);
  }

  const answer = async (c: SideCommand): Promise<SideAnswer> => {
    switch (c.cmd) {
      case 'write': {
        if (!writer) throw new Error(`${role} does not write`);
        const tally = new Tally(c.run, '', c.events);
        await writer.write(c, tally);
        return tally.moments(['due', 'begun', 'written']);
      }
      case 'track': {
        if (!consumer) throw new Error(`${role} does not consume`);
        const tally = new Tally(c.run, '', c.events);
        tallies.set(c.run, tally);
        consumer.track(tally);
        return null;
      }
      case 'count':
      case 'commits': {
        const t = tallies.get(c.run);
        if (!t) throw new Error(`run ${c.run} is not tracked`);
        const commits = { committed: t.committed, distinct: t.distinct, transactions: t.transactions };
        return c.cmd === 'count' ? commits : { ...commits, moments: t.moments(['committed']) };
      }
      case 'backends':
        return (writer ?? consumer)?.backends() ?? [];
      case 'close':
        if (statements) process.stdout.write(`${role} statements:\n${[...statements].map(([k, n]) => `  ${n}\t${k}`).join('\n')}\n`);
        await stopConsuming?.();
        await (writer ?? consumer)?.close();
        await nc.close();
        return null;
    }
  };

  process.on('message', (message: SideCommand & { id: number }) => {
    answer(message).then(
      (value) => {
        process.send?.({ id: message.id, value });
        if (message.cmd === 'close') process.disconnect();
      },
      (error: unknown) => process.send?.({ id: message.id, error: (error as Error).stack ?? String(error) }),
    );
  });
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
