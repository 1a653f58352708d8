import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@cirkel/config';
import { OutboxRelay } from '@cirkel/messaging';
import { CirkelLogger } from '@cirkel/runtime';
import { DemoSeedModule } from './demo/demo-seed.module';
import { DemoSeeder } from './demo/demo-seeder';

/**
 * Seeds the demo hub of Genk (its staff, charter and partner organisations), then exits. Run by
 * `npm start` once partners is ready (unless `--no-demo`) and by the whole-system tests; never by a
 * production container, and it refuses to run with `NODE_ENV=production` (its accounts share the
 * public password `cirkel-demo`). Idempotent: a second run creates nothing.
 *
 *   node -r @swc-node/register apps/partners/src/seed.ts      (same environment as the service)
 */
async function seed(): Promise<void> {
  const config = loadConfig('partners');
  if (config.nodeEnv === 'production') {
    console.error('demo seed refused: NODE_ENV=production. The demo accounts share a public password; seed a development or test system only.');
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(DemoSeedModule.forRoot(config), {
    logger: new CirkelLogger(config.service, config),
    abortOnError: false,
  });
  try {
    await app.get(DemoSeeder).seed();
    // Publishes what the seed wrote, unless the running partners holds the relay (then it does).
    await app.get(OutboxRelay).flush();
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error('demo seed failed:', error);
  process.exitCode = 1;
});
