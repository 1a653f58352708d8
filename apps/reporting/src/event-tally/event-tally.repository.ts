import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class EventTallyRepository {
  /** Counts one event of `type` for the hub, on its day in Europe/Brussels. A counter, not a fact: the inbox keeps it from counting an event twice. */
  async countOne(manager: EntityManager, hubId: string, type: string, occurredAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO event_tally (hub_id, type, day, count)
       VALUES ($1, $2, (($3::timestamptz) AT TIME ZONE 'Europe/Brussels')::date, 1)
       ON CONFLICT (hub_id, type, day) DO UPDATE SET count = event_tally.count + 1`,
      [hubId, type, occurredAt],
    );
  }
}
