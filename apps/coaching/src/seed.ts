import { runDemoSeed } from '@cirkel/runtime';
import { CoachingSeedModule } from './demo/coaching-seed.module';
import { CoachingSeeder } from './demo/coaching-seeder';

/**
 * Seeds the coaching demo of the Genk hub (mentor profiles and loads, assignments, held and planned
 * sessions, the "1+1=11" programme with registrations and attendance), then exits. Run by
 * `npm start` once coaching is ready and ideas is seeded (unless `--no-demo`) and by the
 * whole-system tests; refuses `NODE_ENV=production`. Idempotent.
 *
 *   node -r @swc-node/register apps/coaching/src/seed.ts      (same environment as the service)
 */
void runDemoSeed('coaching', { module: (config) => CoachingSeedModule.forRoot(config), seeder: CoachingSeeder });
