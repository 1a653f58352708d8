import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { EventTallyRepository } from './event-tally.repository';

/** Counts every event of the partners stream; the inbox makes each count once. */
@Controller()
export class EventTallyHandler {
  constructor(private readonly tally: EventTallyRepository) {}

  @EventPattern('partners.>')
  async partners(@Payload() event: EventEnvelope, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.tally.countOne(ctx.manager, event.hubId, event.type, event.occurredAt);
  }
}
