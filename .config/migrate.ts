/** Applies the pending migrations of the service named by CIRKEL_SERVICE (the apps also do this when they start). */
import { migrate } from '@cirkel/persistence';
import dataSource from './typeorm-data-source';

async function main(): Promise<void> {
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'no pending migrations\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrations failed: ${(error as Error).message}\nIs PostgreSQL running at DATABASE_URL? (npm start starts it)\n`);
  process.exit(1);
});
