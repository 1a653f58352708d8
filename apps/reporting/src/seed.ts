import { runDemoSeed } from '@cirkel/runtime';
import { ReportingSeedModule } from './demo/reporting-seed.module';
import { ReportingSeeder } from './demo/reporting-seeder';

/**
 * Seeds the demo participants and placements of the Genk hub, and stores their statistics, then
 * exits. Run by `npm start` once reporting is ready and partners and ideas are seeded (unless
 * `--no-demo`) and by the whole-system tests; refuses `NODE_ENV=production`. Idempotent.
 *
 *   node -r @swc-node/register apps/reporting/src/seed.ts      (same environment as the service)
 */
void runDemoSeed('reporting', { module: (config) => ReportingSeedModule.forRoot(config), seeder: ReportingSeeder });
