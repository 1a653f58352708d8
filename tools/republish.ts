/**
 * Sends a service's outbox rows of a time range to JetStream again, for the day a NATS store is
 * lost (docs/event-backbone.md, "When a NATS store is lost"):
 *
 *   npm run republish -- --service partners --since 2026-11-29T00:00:00Z [--until <time>]
 *
 * Reads the service's environment as the service does (DATABASE_URL, NATS_URL, CIRKEL_NAMESPACE).
 * Safe to run twice: the stream's duplicate window and every consumer's inbox drop what they have.
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '@cirkel/config';
import { APPS, AppName } from '@cirkel/contracts';
import { connectNats, republish } from '@cirkel/messaging';
import { dataSourceOptions } from '@cirkel/persistence';

/** The apps that own a context: the ones with an outbox. */
const SERVICES = APPS.flatMap((app) => (app.context ? [app.name] : [])) as AppName[];
const USAGE = `usage: npm run republish -- --service <${SERVICES.join('|')}> --since <ISO time> [--until <ISO time>]`;

function fail(message: string): never {
  console.error(`republish: ${message}\n${USAGE}`);
  process.exit(2);
}

function timeOf(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) fail(`--${name} is not a time: ${value} (write it as 2026-11-29T00:00:00Z)`);
  return time;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { service: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } } });
  const service = values.service as AppName | undefined;
  if (!service || !SERVICES.includes(service)) fail(`--service must be one of ${SERVICES.join(', ')}`);
  const since = timeOf('since', values.since) ?? fail('--since is required');
  const until = timeOf('until', values.until);
  const config = loadConfig(service);
  const dataSource = await new DataSource(dataSourceOptions(config, { entities: [], migrations: [] })).initialize();
  const nc = await connectNats(config, 'republish');
  try {
    const done = await republish(dataSource, nc, { subjectPrefix: config.nats.subjectPrefix, streamPrefix: config.nats.streamPrefix }, { since, until }, (p) =>
      console.log(`republish: ${p.sent} of ${p.total} sent (${p.duplicates} already in the stream)`),
    );
    console.log(`republish: done, ${done.sent} events of ${service} since ${since.toISOString()} sent again, ${done.duplicates} of them dropped by the stream as duplicates`);
  } finally {
    await nc.drain();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`republish: failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('republish: check that DATABASE_URL and NATS_URL reach the service\'s database and NATS, and that the service ran its migrations.');
  process.exit(1);
});
