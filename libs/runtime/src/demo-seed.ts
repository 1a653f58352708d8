import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CirkelConfig, loadConfig } from '@cirkel/config';
import { AppName } from '@cirkel/contracts';
import { OutboxRelay } from '@cirkel/messaging';
import { CirkelLogger } from './cirkel-logger';

/** What a demo seed entry point runs: a module of the app's providers without controllers, and a seeder in it. */
export interface DemoSeed {
  module: (config: CirkelConfig) => DynamicModule;
  seeder: Type<{ seed(): Promise<number> }>;
}

/**
 * The body of every app's demo seed entry point (`apps/<app>/src/seed.ts`): refuses
 * `NODE_ENV=production` (exit 2, nothing written: demo accounts share a public password), seeds,
 * publishes what the seed wrote (unless the running service holds the relay, which then does), exits.
 */
export async function runDemoSeed(app: AppName, { module, seeder }: DemoSeed): Promise<void> {
  try {
    // Before the configuration is read: a production system may lack what only the apps need (its token keys).
    if (process.env.NODE_ENV === 'production') {
      console.error('demo seed refused: NODE_ENV=production. The demo accounts share a public password; seed a development or test system only.');
      process.exitCode = 2;
      return;
    }
    const config = loadConfig(app);
    const context = await NestFactory.createApplicationContext(module(config), { logger: new CirkelLogger(config.service, config), abortOnError: false });
    try {
      await context.get(seeder).seed();
      await context.get(OutboxRelay).flush();
    } finally {
      await context.close();
    }
  } catch (error) {
    console.error('demo seed failed:', error);
    process.exitCode = 1;
  }
}
