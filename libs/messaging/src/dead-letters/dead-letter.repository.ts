import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A row of the `dead_letter` table, as read. */
export interface DeadLetterRow {
  id: string;
  consumer: string;
  stream: string;
  subject: string;
  event_id: string | null;
  event_type: string | null;
  reason: string;
  deliveries: number;
  created_at: Date;
  replayed_at: Date | null;
  payload: string;
}

/** What is recorded of a message that is given up on. */
export interface NewDeadLetter {
  consumer: string;
  stream: string;
  streamSeq: number;
  subject: string;
  eventId: string | null;
  eventType: string | null;
  hubId: string | null;
  payload: string;
  reason: string;
  deliveries: number;
}

const COLUMNS = 'id, consumer, stream, subject, event_id, event_type, reason, deliveries, created_at, replayed_at, payload';

/** The `dead_letter` table: written by the JetStream transport, read and marked by the dead-letter service. */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a letter on its own (outside any delivery's transaction, which has failed or never
   * began), once per message: the same message given up on again (its termination was lost in a
   * crash, or its replayed event failed anew) updates its row and opens it again.
   */
  async record(letter: NewDeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letter (consumer, stream, stream_seq, subject, event_id, event_type, hub_id, payload, reason, deliveries)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (consumer, stream, stream_seq, md5(payload))
       DO UPDATE SET reason = excluded.reason, deliveries = GREATEST(dead_letter.deliveries, excluded.deliveries), replayed_at = NULL`,
      [letter.consumer, letter.stream, letter.streamSeq, letter.subject, letter.eventId, letter.eventType, letter.hubId, letter.payload, letter.reason, letter.deliveries],
    );
  }

  /** The hub's letters with an id below `before` (all when null), newest first, at most `limit`. */
  listForHub(hubId: string, before: number | null, limit: number): Promise<DeadLetterRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM dead_letter WHERE hub_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [hubId, before, limit],
    );
  }

  /** The hub's letter `id`, locked until the transaction ends; undefined if the hub has no such letter. */
  async lockForHub(manager: EntityManager, hubId: string, id: number): Promise<DeadLetterRow | undefined> {
    const [row]: DeadLetterRow[] = await manager.query(`SELECT ${COLUMNS} FROM dead_letter WHERE id = $1 AND hub_id = $2 FOR UPDATE`, [id, hubId]);
    return row;
  }

  /** Marks the letter replayed now; answers it as marked. */
  async markReplayed(manager: EntityManager, id: number): Promise<DeadLetterRow> {
    // For an UPDATE, TypeORM answers [rows, affected].
    const [[row]]: [DeadLetterRow[], number] = await manager.query(`UPDATE dead_letter SET replayed_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
    return row;
  }
}
