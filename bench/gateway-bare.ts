/**
 * The bare route of `npm run bench:gateway`, as two processes like the gateway and partners:
 *
 *   node -r @swc-node/register bench/gateway-bare.ts http        plain Fastify: GET /organisations/:id → one NATS request
 *   node -r @swc-node/register bench/gateway-bare.ts responder   plain `pg`: answers that request with the organisation's row
 *
 * Environment: BARE_SUBJECT, BARE_SCHEMA (the namespace's partners schema), DATABASE_URL, NATS_URL,
 * PORT (http), DATABASE_POOL_SIZE (responder). No token, no envelope, no validation: the floor.
 */
import Fastify from 'fastify';
import { connect, JSONCodec } from 'nats';
import { Pool } from 'pg';
import { required, runRole } from './bench-process';

const subject = required('BARE_SUBJECT');
const codec = JSONCodec<unknown>();

async function http(): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', noAsyncTraces: true });
  const app = Fastify();
  app.get<{ Params: { id: string }; Querystring: { hub: string } }>('/organisations/:id', async (request, reply) => {
    const answer = codec.decode((await nc.request(subject, codec.encode({ id: request.params.id, hubId: request.query.hub }), { timeout: 5000 })).data);
    if (answer === null) return reply.code(404).send({ status: 404 });
    return answer;
  });
  await app.listen({ port: Number(required('PORT')), host: '127.0.0.1' });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void app.close().then(() => nc.close()).then(() => process.exit(0)));
}

async function responder(): Promise<void> {
  const schema = required('BARE_SCHEMA');
  const pool = new Pool({ connectionString: required('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'bench-bare' });
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', noAsyncTraces: true });
  const sql = `SELECT id, hub_id AS "hubId", name, type, enterprise_number AS "enterpriseNumber", work_domains AS "workDomains", status,
                      created_at AS "createdAt", approved_at AS "approvedAt"
                 FROM "${schema}".organisation WHERE hub_id = $1 AND id = $2`;
  nc.subscribe(subject, {
    queue: 'bare',
    callback: (error, msg) => {
      if (error) return;
      const { id, hubId } = codec.decode(msg.data) as { id: string; hubId: string };
      pool.query(sql, [hubId, id]).then(
        (result) => msg.respond(codec.encode(result.rows[0] ?? null)),
        () => msg.respond(codec.encode(null)),
      );
    },
  });
  await nc.flush();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void nc.drain().then(() => pool.end()).then(() => process.exit(0)));
}

runRole({ http, responder });
