import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ExportStatistics, GetPublicStatistics, GetStatistics, RequestOf, RunStatistics, ValidationFailed } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { StatisticsService } from './statistics.service';

@Controller()
export class StatisticsController {
  constructor(
    private readonly access: Access,
    private readonly statistics: StatisticsService,
  ) {}

  @Answers(GetStatistics)
  async get(@Payload() request: RequestOf<typeof GetStatistics>): Promise<AnswerOf<typeof GetStatistics>> {
    return this.statistics.get(await this.access.requireCaller(request), request.data);
  }

  /** Hub admins: the ESF export's figures (audited). */
  @Answers(ExportStatistics)
  async export(@Payload() request: RequestOf<typeof ExportStatistics>): Promise<AnswerOf<typeof ExportStatistics>> {
    return this.statistics.export(await this.access.requireCaller(request), request.data);
  }

  /** Hub admins: a run now (joining one already waiting). */
  @Answers(RunStatistics)
  async run(@Payload() request: RequestOf<typeof RunStatistics>): Promise<AnswerOf<typeof RunStatistics>> {
    return this.statistics.runOnDemand(await this.access.requireCaller(request), request.data);
  }

  /** Anyone (the public page): the hub of the envelope, always suppressed. */
  @Answers(GetPublicStatistics)
  async publicFigures(@Payload() request: RequestOf<typeof GetPublicStatistics>): Promise<AnswerOf<typeof GetPublicStatistics>> {
    const hubId = request.hubId ?? request.caller?.hubId;
    if (!hubId) throw new ValidationFailed([{ field: 'hub', message: 'name the hub (e.g. ?hub=genk)' }]);
    return this.statistics.publicFigures(hubId);
  }
}
