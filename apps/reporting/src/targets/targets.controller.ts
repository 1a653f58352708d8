import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, DeleteEsfPhase, DeleteTarget, ListEsfPhases, ListTargets, PutEsfPhase, PutTarget, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { TargetsService } from './targets.service';

@Controller()
export class TargetsController {
  constructor(
    private readonly access: Access,
    private readonly targets: TargetsService,
  ) {}

  @Answers(PutEsfPhase)
  async putPhase(@Payload() request: RequestOf<typeof PutEsfPhase>): Promise<AnswerOf<typeof PutEsfPhase>> {
    return this.targets.putPhase(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }

  @Answers(DeleteEsfPhase)
  async deletePhase(@Payload() request: RequestOf<typeof DeleteEsfPhase>): Promise<AnswerOf<typeof DeleteEsfPhase>> {
    return this.targets.deletePhase(await this.access.requireHubRole(request, 'hub_admin'), request.data.key, request.data.removeTarget);
  }

  @Answers(ListEsfPhases)
  async phases(@Payload() request: RequestOf<typeof ListEsfPhases>): Promise<AnswerOf<typeof ListEsfPhases>> {
    return { items: await this.targets.phases((await this.access.requireHubRole(request, 'hub_admin', 'city_staff')).hubId) };
  }

  @Answers(PutTarget)
  async putTarget(@Payload() request: RequestOf<typeof PutTarget>): Promise<AnswerOf<typeof PutTarget>> {
    return this.targets.putTarget(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }

  @Answers(DeleteTarget)
  async deleteTarget(@Payload() request: RequestOf<typeof DeleteTarget>): Promise<AnswerOf<typeof DeleteTarget>> {
    return this.targets.deleteTarget(await this.access.requireHubRole(request, 'hub_admin'), request.data.period);
  }

  @Answers(ListTargets)
  async list(@Payload() request: RequestOf<typeof ListTargets>): Promise<AnswerOf<typeof ListTargets>> {
    return { items: await this.targets.list(await this.access.requireCaller(request)) };
  }
}
