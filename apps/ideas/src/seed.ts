import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@cirkel/config';
import { OutboxRelay } from '@cirkel/messaging';
import { CirkelLogger } from '@cirkel/runtime';
import { IdeaSeedModule } from './demo/idea-seed.module';
import { IdeaSeeder } from './demo/idea-seeder';

/**
 * Seeds the demo ideas of the Genk hub (every stage and work domain), then exits. Run by
 * `npm start` once ideas is ready and partners is seeded (unless `--no-demo`) and by the
 * whole-system tests; refuses `NODE_ENV=production`. Idempotent.
 *
 *   node -r @swc-node/register apps/ideas/src/seed.ts      (same environment as the service)
 */
async function seed(): Promise<void> {
  const config = loadConfig('ideas');
  if (config.nodeEnv === 'production') {
    console.error('demo seed refused: NODE_ENV=production. Seed a development or test system only.');
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(IdeaSeedModule.forRoot(config), { logger: new CirkelLogger(config.service, config), abortOnError: false });
  try {
    await app.get(IdeaSeeder).seed();
    await app.get(OutboxRelay).flush();
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error('demo seed failed:', error);
  process.exitCode = 1;
});
