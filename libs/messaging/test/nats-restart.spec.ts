import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import { cleanupNamespace, ensureTestDatabase, eventually, freePort, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { createServiceApp, systemCause, UnitOfWork } from '../src';
import { ProbeConsumerModule, Probed, ProbePublisherModule } from './fixtures/probe';

/**
 * A fault test on a NATS server of its own (never the machine's shared one): the server is killed
 * while events flow and started again on the same store; nothing is lost and nothing is applied twice.
 */
const NATS_SERVER = process.env.NATS_SERVER_BIN ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
const ns = testNamespace();
const hubId = randomUUID();
const store = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-'));
let port: number;
let server: ChildProcess | undefined;
let db: Client;
let publisherConfig: CirkelConfig;
let consumerConfig: CirkelConfig;
let publisher: INestApplicationContext;
let consumer: NestFastifyApplication;

function listening(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function startNats(): Promise<void> {
  server = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], { stdio: 'ignore' });
  await eventually(async () => expect(await listening()).toBe(true), { timeoutMs: 10_000 });
}

async function killNats(): Promise<void> {
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server?.kill('SIGKILL');
  await exited;
  server = undefined;
}

async function effects(): Promise<number[]> {
  return (await db.query(`SELECT n FROM "${consumerConfig.database.schema}".probe_effect ORDER BY n`)).rows.map((r) => r.n);
}

beforeAll(async () => {
  await ensureTestDatabase();
  port = await freePort();
  await startNats();
  const env = { NATS_URL: `nats://127.0.0.1:${port}`, NATS_REQUEST_TIMEOUT_MS: '1000' };
  publisherConfig = testConfig('partners', ns, env);
  consumerConfig = testConfig('notifications', ns, env);
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  consumer = await createServiceApp(ProbeConsumerModule.forRoot(consumerConfig), consumerConfig);
  await consumer.init();
  publisher = await NestFactory.createApplicationContext(ProbePublisherModule.forRoot(publisherConfig), { logger: false });
}, 60_000);

afterAll(async () => {
  await publisher?.close();
  await consumer?.close();
  await db?.end();
  await killNats();
  rmSync(store, { recursive: true, force: true });
  await cleanupNamespace(ns);
});

it('loses nothing and applies nothing twice when NATS dies while events flow', async () => {
  const uow = publisher.get(UnitOfWork);
  const write = async (from: number, to: number) => {
    for (let n = from; n < to; n++) await uow.run(async (tx) => tx.publish(Probed, hubId, { n }, systemCause()));
  };
  await write(0, 10);
  await eventually(async () => expect(await effects()).toHaveLength(10));

  await killNats();
  await write(10, 20); // committed to the outbox; the relay cannot publish them yet
  const pending = await db.query(`SELECT count(*)::int AS n FROM "${publisherConfig.database.schema}".outbox WHERE published_at IS NULL`);
  expect(pending.rows[0].n).toBeGreaterThan(0);
  const ready = await consumer.inject({ method: 'GET', url: '/health/ready' });
  expect(ready.statusCode).toBe(503);

  await startNats(); // the same store: streams and consumers are still there
  await write(20, 25);
  await eventually(async () => expect(await effects()).toEqual([...Array(25).keys()]), { timeoutMs: 30_000 });
  expect((await consumer.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
}, 60_000);
