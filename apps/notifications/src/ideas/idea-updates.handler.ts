import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { COLLABORATOR_JOINED, CollaboratorJoined, EventOf, IDEA_STAGE_CHANGED, IdeaStageChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { IdeaUpdates } from './idea-updates.service';

/** Ideas' events that concern the organisations behind an idea (`ideas.submitted`: mentor-events.handler.ts). */
@Controller()
export class IdeaUpdatesHandler {
  constructor(private readonly updates: IdeaUpdates) {}

  @EventPattern(IDEA_STAGE_CHANGED)
  async stageChanged(@Payload() event: EventOf<typeof IdeaStageChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.updates.stageChanged(ctx.manager, event);
  }

  @EventPattern(COLLABORATOR_JOINED)
  async collaboratorJoined(@Payload() event: EventOf<typeof CollaboratorJoined>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.updates.collaboratorJoined(ctx.manager, event);
  }
}
