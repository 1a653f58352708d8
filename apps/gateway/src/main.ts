import { Logger } from '@nestjs/common';
import { loadConfig } from '@cirkel/config';
import { startGateway } from './gateway-app';

async function main(): Promise<void> {
  const config = loadConfig('gateway');
  const app = await startGateway(config);
  new Logger('Gateway').log(`listening on ${await app.getUrl()} (API under /api/v1, docs at /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
