import { runDemoSeed } from '@cirkel/runtime';
import { IdeaSeedModule } from './demo/idea-seed.module';
import { IdeaSeeder } from './demo/idea-seeder';

/**
 * Seeds the demo ideas of the Genk hub (every stage and work domain), then exits. Run by
 * `npm start` once ideas is ready and partners is seeded (unless `--no-demo`) and by the
 * whole-system tests; refuses `NODE_ENV=production`. Idempotent.
 *
 *   node -r @swc-node/register apps/ideas/src/seed.ts      (same environment as the service)
 */
void runDemoSeed('ideas', { module: (config) => IdeaSeedModule.forRoot(config), seeder: IdeaSeeder });
