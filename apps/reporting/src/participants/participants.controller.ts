import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ChangeParticipant, ChangePlacement, EnrolParticipant, GetParticipant, ListAuditLog, ListParticipants, RecordPlacement, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { AuditLogService } from '../audit/audit-log.service';
import { ParticipantService } from './participant.service';
import { PlacementService } from './placement.service';

@Controller()
export class ParticipantsController {
  constructor(
    private readonly access: Access,
    private readonly participants: ParticipantService,
    private readonly placements: PlacementService,
    private readonly auditLog: AuditLogService,
  ) {}

  @Answers(EnrolParticipant)
  async enrol(@Payload() request: RequestOf<typeof EnrolParticipant>): Promise<AnswerOf<typeof EnrolParticipant>> {
    return this.participants.enrol(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(ListParticipants)
  async list(@Payload() request: RequestOf<typeof ListParticipants>): Promise<AnswerOf<typeof ListParticipants>> {
    return this.participants.list(await this.access.requireCaller(request), request.data);
  }

  @Answers(GetParticipant)
  async get(@Payload() request: RequestOf<typeof GetParticipant>): Promise<AnswerOf<typeof GetParticipant>> {
    return this.participants.get(await this.access.requireCaller(request), request.data.participantId);
  }

  @Answers(ChangeParticipant)
  async change(@Payload() request: RequestOf<typeof ChangeParticipant>): Promise<AnswerOf<typeof ChangeParticipant>> {
    return this.participants.change(await this.access.requireCaller(request), request.data);
  }

  @Answers(RecordPlacement)
  async recordPlacement(@Payload() request: RequestOf<typeof RecordPlacement>): Promise<AnswerOf<typeof RecordPlacement>> {
    return this.placements.record(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(ChangePlacement)
  async changePlacement(@Payload() request: RequestOf<typeof ChangePlacement>): Promise<AnswerOf<typeof ChangePlacement>> {
    return this.placements.change(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(ListAuditLog)
  async auditEntries(@Payload() request: RequestOf<typeof ListAuditLog>): Promise<AnswerOf<typeof ListAuditLog>> {
    return this.auditLog.list(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }
}
