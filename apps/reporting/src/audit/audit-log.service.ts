import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AuditEntryView, Caller, InputOf, ListAuditLog, Page } from '@cirkel/contracts';
import { Keyset } from '@cirkel/persistence';
import { AuditLogRepository } from './audit-log.repository';

const NEWEST_FIRST = new Keyset(z.tuple([z.uuid()]));

/** Hub admins read who read or changed which participant's data. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  async list(caller: Caller, query: InputOf<typeof ListAuditLog>): Promise<Page<AuditEntryView>> {
    const [beforeId] = NEWEST_FIRST.after(query.cursor) ?? [];
    const rows = await this.entries.page(caller.hubId, { participantId: query.participantId, beforeId, take: query.limit + 1 });
    const page = NEWEST_FIRST.page(rows, query.limit, (row) => [row.id]);
    return {
      items: page.rows.map((e) => ({ id: e.id, at: e.at.toISOString(), personId: e.personId, action: e.action, participantId: e.participantId, period: e.period, placementId: e.placementId, fields: e.fields })),
      nextCursor: page.nextCursor,
    };
  }
}
