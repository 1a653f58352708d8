/**
 * The floor of `npm run bench:gateway`: what the mandated framework alone costs, as two processes
 * like the gateway and partners, doing what the bare route does with NestJS and none of our code:
 *
 *   node -r @swc-node/register bench/gateway-floor.ts http        Nest on Fastify: a controller → Nest's NATS client (ClientProxy.send)
 *   node -r @swc-node/register bench/gateway-floor.ts responder   a Nest NATS microservice: @MessagePattern → the same one `pg` query
 *
 * Environment: FLOOR_PATTERN, BARE_SCHEMA (the namespace's partners schema), DATABASE_URL, NATS_URL,
 * PORT (http), DATABASE_POOL_SIZE (responder). No token, no envelope, no zod, no AsyncLocalStorage.
 */
import { Controller, Get, Inject, Module, NotFoundException, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientsModule, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { firstValueFrom } from 'rxjs';
import { Pool } from 'pg';
import { required, runRole } from './bench-process';

const pattern = required('FLOOR_PATTERN');
const NATS_SERVERS = [process.env.NATS_URL ?? 'nats://127.0.0.1:4222'];
const CLIENT = 'FLOOR_CLIENT';
const POOL = 'FLOOR_POOL';

@Controller('organisations')
class FloorHttpController {
  constructor(@Inject(CLIENT) private readonly client: ClientProxy) {}

  @Get(':id')
  async get(@Param('id') id: string, @Query('hub') hubId: string): Promise<unknown> {
    const answer = await firstValueFrom(this.client.send(pattern, { id, hubId }));
    if (answer === null) throw new NotFoundException();
    return answer;
  }
}

@Module({
  imports: [ClientsModule.register([{ name: CLIENT, transport: Transport.NATS, options: { servers: NATS_SERVERS } }])],
  controllers: [FloorHttpController],
})
class FloorHttpModule {}

@Controller()
class FloorResponderController {
  private readonly sql = `SELECT id, hub_id AS "hubId", name, type, enterprise_number AS "enterpriseNumber", work_domains AS "workDomains", status,
                                 created_at AS "createdAt", approved_at AS "approvedAt"
                            FROM "${required('BARE_SCHEMA')}".organisation WHERE hub_id = $1 AND id = $2`;

  constructor(@Inject(POOL) private readonly pool: Pool) {}

  @MessagePattern(pattern)
  async get(@Payload() { id, hubId }: { id: string; hubId: string }): Promise<unknown> {
    return (await this.pool.query(this.sql, [hubId, id])).rows[0] ?? null;
  }
}

@Module({
  controllers: [FloorResponderController],
  providers: [
    {
      provide: POOL,
      useFactory: () => new Pool({ connectionString: required('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'bench-floor' }),
    },
  ],
})
class FloorResponderModule {}

async function http(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(FloorHttpModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
  await app.listen({ port: Number(required('PORT')), host: '127.0.0.1' });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

async function responder(): Promise<void> {
  const app = await NestFactory.createMicroservice(FloorResponderModule, {
    transport: Transport.NATS,
    options: { servers: NATS_SERVERS, queue: 'floor' },
    logger: ['error', 'warn'],
  });
  await app.listen();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void app.close().then(() => app.get<Pool>(POOL).end()).then(() => process.exit(0)));
}

runRole({ http, responder });
