import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { EventRegistry } from '@cirkel/contracts';
import { EventTransport } from '../dead-letters/event-transport';
import { JetStreamServer } from '../jetstream.server';
import { MessagingOptions } from '../messaging-options';
import { EVENT_REGISTRY, MESSAGING_OPTIONS, NATS_CONNECTION } from '../messaging.tokens';
import { RequestServer } from '../requests';
import { RpcProblemFilter } from '../rpc-problem.filter';
import { CirkelLogger } from './cirkel-logger';

/**
 * Creates a service: its HTTP side (health only) on Fastify, its request handlers on core NATS,
 * its event handlers on JetStream. Migrations have run when this resolves; call `listen` next.
 */
export async function createServiceApp(module: DynamicModule, config: CirkelConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    logger: new CirkelLogger(config.service, config),
    abortOnError: false,
  });
  app.useGlobalFilters(new RpcProblemFilter(app.getHttpAdapter()));
  app.connectMicroservice(
    {
      strategy: new RequestServer(
        { servers: config.nats.servers, queue: config.service, name: `cirkel-${config.service}-requests`, maxReconnectAttempts: -1 },
        config.nats.subjectPrefix,
        config.service,
      ),
    },
    { inheritAppConfig: true },
  );
  const events = new JetStreamServer(
    { nc: app.get(NATS_CONNECTION), dataSource: app.get(DataSource), registry: app.get<EventRegistry>(EVENT_REGISTRY) },
    app.get<MessagingOptions>(MESSAGING_OPTIONS),
  );
  app.get(EventTransport).server = events; // for dead-letter replays
  app.connectMicroservice({ strategy: events }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  return app;
}

/** Creates and starts a service on its configured port; the entry point of every service's main.ts. */
export async function runService(module: DynamicModule, config: CirkelConfig): Promise<NestFastifyApplication> {
  const app = await createServiceApp(module, config);
  await app.listen({ port: config.http.port, host: config.http.host });
  return app;
}
