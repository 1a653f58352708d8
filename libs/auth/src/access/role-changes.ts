import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ROLE_CHANGES_CHANNEL } from '../role-copy/role-change-notices.migration';

/** What a listener to role changes is told. */
export interface RoleChangeEvents {
  /** The roles of this person (in the schema listened to) changed in a committed transaction. */
  changed(personId: string): void;
  /** Listening (again): every change from now on is told; what changed before may have been missed. */
  listening(): void;
  /** Not listening: changes are not told until `listening` again. */
  deaf(): void;
}

export interface RoleChangesOptions {
  connectionString: string;
  /** The schema whose role tables are listened to (the service's). */
  schema: string;
  applicationName: string;
  /** Wait before connecting again after the connection failed or was lost. */
  retryMs?: number;
}

/**
 * Listens on its own Postgres connection (`LISTEN`) for the notices the role tables' triggers send
 * when a transaction that changed a person's roles commits (`role-change-notices.migration.ts`).
 * Reconnects for ever after the connection is lost, saying `deaf` meanwhile and `listening` once
 * `LISTEN` has succeeded again.
 */
export class RoleChanges {
  private readonly logger = new Logger(RoleChanges.name);
  /** The connection of the latest attempt; events of an older one are ignored. */
  private client?: Client;
  private up = false;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly options: RoleChangesOptions,
    private readonly events: RoleChangeEvents,
  ) {}

  /** Connects and listens; a failure is logged and retried, never thrown. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.lost(client);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: this.options.applicationName, keepAlive: true });
    this.client = client;
    client.on('error', (error) => this.failed(client, error));
    client.on('end', () => this.failed(client));
    client.on('notification', ({ channel, payload }) => {
      if (channel !== ROLE_CHANGES_CHANNEL || !payload) return;
      const space = payload.indexOf(' ');
      if (payload.slice(0, space) === this.options.schema) this.events.changed(payload.slice(space + 1));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ROLE_CHANGES_CHANNEL}`);
    } catch (error) {
      this.failed(client, error as Error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    this.up = true;
    this.events.listening();
  }

  private failed(client: Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.up) this.logger.warn(`role changes: not listening (${error?.message ?? 'connection ended'}); roles are read afresh until it listens again`);
    this.lost(client);
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), this.options.retryMs ?? 1000);
    this.retry.unref();
  }

  private lost(client: Client | undefined): void {
    if (!client || !this.up) return;
    this.up = false;
    this.events.deaf();
  }
}
