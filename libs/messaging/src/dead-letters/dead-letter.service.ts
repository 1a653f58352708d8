import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DeadLetterView, DomainError, NotFound, Page } from '@cirkel/contracts';
import { Keyset } from '@cirkel/persistence';
import { DeadLetterRepository, DeadLetterRow } from './dead-letter.repository';
import { EventTransport } from './event-transport';

/** Dead letters are listed newest first, by id. */
const BY_ID = new Keyset(z.tuple([z.number().int().min(1)]));

/** A service's dead letters: listed for the hub's admins, and replayed once the cause is mended. */
@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    private readonly transport: EventTransport,
  ) {}

  /** The hub's dead letters, newest first. Letters too broken to name a hub are not listed here (see the logs). */
  async list(hubId: string, query: { cursor?: string; limit: number }): Promise<Page<DeadLetterView>> {
    const [before] = BY_ID.after(query.cursor) ?? [null];
    const rows = await this.deadLetters.listForHub(hubId, before, query.limit + 1);
    const page = BY_ID.page(rows, query.limit, (row) => [Number(row.id)]);
    return { items: page.rows.map(toView), nextCursor: page.nextCursor };
  }

  /**
   * Runs the letter's event through the handler that gave it up again (this service's handler of the
   * letter's consumer only; its other handlers and the stream's other consumers are not involved), and marks the letter replayed, in one transaction: if the event
   * still fails, nothing changes and the answer says why.
   */
  async replay(hubId: string, id: number): Promise<DeadLetterView> {
    const server = this.transport.server;
    if (!server) throw new DomainError('dead-letter-replay-unavailable', 503, 'Replay unavailable', 'This service consumes no events.');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = await this.deadLetters.lockForHub(manager, hubId, id);
        if (!row) throw new NotFound(`Dead letter ${id}`, 'dead-letter-not-found');
        if (row.replayed_at) throw new DomainError('dead-letter-already-replayed', 409, 'Already replayed', `Dead letter ${id} was replayed at ${row.replayed_at.toISOString()}.`);
        const applied = await server.replay(row.consumer, row.subject, row.payload, manager);
        const marked = await this.deadLetters.markReplayed(manager, id);
        this.logger.log(`dead letter ${id} (${row.event_type ?? 'unknown type'}) replayed${applied ? '' : ': its event had been applied already'}`);
        return toView(marked);
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('dead-letter-replay-failed', 422, 'Replay failed', `The event still fails: ${(error as Error).message}`);
    }
  }
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: Number(row.id),
    consumer: row.consumer,
    stream: row.stream,
    subject: row.subject,
    eventId: row.event_id,
    eventType: row.event_type,
    reason: row.reason,
    deliveries: row.deliveries,
    createdAt: row.created_at.toISOString(),
    replayedAt: row.replayed_at?.toISOString() ?? null,
    payload: row.payload,
  };
}
