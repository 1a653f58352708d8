import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';

/** Counts every event of the partners stream; the inbox makes each count once. */
@Controller()
export class EventTallyHandler {
  @EventPattern('partners.>')
  async partners(@Payload() event: EventEnvelope, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO event_tally (hub_id, type, day, count)
       VALUES ($1, $2, (($3::timestamptz) AT TIME ZONE 'Europe/Brussels')::date, 1)
       ON CONFLICT (hub_id, type, day) DO UPDATE SET count = event_tally.count + 1`,
      [event.hubId, event.type, event.occurredAt],
    );
  }
}
