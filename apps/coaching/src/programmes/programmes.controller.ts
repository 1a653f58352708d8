import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CancelRegistration, CreateProgramme, GetProgramme, ListProgrammes, RecordAttendance, RegisterForProgramme, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { ProgrammesService } from './programmes.service';

@Controller()
export class ProgrammesController {
  constructor(
    private readonly access: Access,
    private readonly programmes: ProgrammesService,
  ) {}

  @Answers(CreateProgramme)
  async create(@Payload() request: RequestOf<typeof CreateProgramme>): Promise<AnswerOf<typeof CreateProgramme>> {
    return this.programmes.create(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }

  @Answers(ListProgrammes)
  async list(@Payload() request: RequestOf<typeof ListProgrammes>): Promise<AnswerOf<typeof ListProgrammes>> {
    return this.programmes.list(await this.access.requireCaller(request));
  }

  @Answers(GetProgramme)
  async get(@Payload() request: RequestOf<typeof GetProgramme>): Promise<AnswerOf<typeof GetProgramme>> {
    return this.programmes.get(await this.access.requireCaller(request), request.data.programmeId);
  }

  @Answers(RegisterForProgramme)
  async register(@Payload() request: RequestOf<typeof RegisterForProgramme>): Promise<AnswerOf<typeof RegisterForProgramme>> {
    return this.programmes.register(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(CancelRegistration)
  async cancel(@Payload() request: RequestOf<typeof CancelRegistration>): Promise<AnswerOf<typeof CancelRegistration>> {
    return this.programmes.cancel(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(RecordAttendance)
  async attendance(@Payload() request: RequestOf<typeof RecordAttendance>): Promise<AnswerOf<typeof RecordAttendance>> {
    return this.programmes.recordAttendance(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }
}
