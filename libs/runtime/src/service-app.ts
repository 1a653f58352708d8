import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CirkelConfig } from '@cirkel/config';
import { connectServiceTransports } from '@cirkel/messaging';
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
  connectServiceTransports(app, config);
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
