import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

const RECONNECT_MS = 1000;

/**
 * Listens on the outbox's channel (`<schema>.outbox`, notified by a replica that does not lead after
 * its commits, and by a leader that resigns) on a connection of its own, so the relay leader is
 * woken by every replica's commits, not only its own. The connection is made again after
 * a second when it is lost; after each (re)connection `onListening` is called once, for what was
 * missed meanwhile: commits, and a leader that resigned (its round failed as the connections were
 * killed) while no replica heard it — then none leads, and without this none would try before its
 * sweep. The sweep stays the safety net.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onNotification: (payload: string) => void,
    private readonly onListening: () => void,
  ) {}

  start(): void {
    this.closed = false;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    const client = new Client({ connectionString: options.url, application_name: `${options.applicationName ?? 'cirkel'}-outbox-listener`, keepAlive: true });
    client.on('notification', (message) => this.onNotification(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN "${options.schema}.outbox"`);
      this.onListening();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (error) this.logger.warn(`outbox notifications lost (${error.message}); listening again in ${RECONNECT_MS} ms, the sweep meanwhile`);
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }
}
