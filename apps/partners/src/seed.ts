import { runDemoSeed } from '@cirkel/runtime';
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
void runDemoSeed('partners', { module: (config) => DemoSeedModule.forRoot(config), seeder: DemoSeeder });
