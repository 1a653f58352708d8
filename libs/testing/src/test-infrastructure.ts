import Redis from 'ioredis';
import { connect } from 'nats';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from './test-namespace';

/** Creates the test database if it is missing (once per machine). */
export async function ensureTestDatabase(url: string = TEST_DATABASE_URL): Promise<void> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created by a parallel run
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Removes everything a test run made under its namespace: its schemas, its streams (and their
 * consumers) and its Redis keys. `nats: null` for a NATS server of the run's own, which is stopped instead.
 */
export async function cleanupNamespace(
  namespace: string,
  { database = TEST_DATABASE_URL, nats = process.env.NATS_URL ?? 'nats://127.0.0.1:4222', redis: redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }: { database?: string; nats?: string | null; redis?: string } = {},
): Promise<void> {
  const client = new Client({ connectionString: database });
  await client.connect();
  try {
    const schemas = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${namespace}\\_%`]);
    for (const { nspname } of schemas.rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
  if (nats !== null) {
    const nc = await connect({ servers: nats });
    try {
      const jsm = await nc.jetstreamManager();
      const prefix = `${namespace.toUpperCase()}_`;
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
      }
    } finally {
      await nc.close();
    }
  }
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `cirkel:${namespace}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
