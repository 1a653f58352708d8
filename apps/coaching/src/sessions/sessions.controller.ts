import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CancelSession, GetAssignmentTeam, CompleteSession, GetReminderSettings, ListMySessions, MoveSession, PlanSession, PutReminderSettings, RequestOf, SetActionItemDone } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { ReminderSettingsService } from './reminder-settings.service';
import { SessionsService } from './sessions.service';

@Controller()
export class SessionsController {
  constructor(
    private readonly access: Access,
    private readonly sessions: SessionsService,
    private readonly reminderSettings: ReminderSettingsService,
  ) {}

  @Answers(PlanSession)
  async plan(@Payload() request: RequestOf<typeof PlanSession>): Promise<AnswerOf<typeof PlanSession>> {
    return this.sessions.plan(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }

  @Answers(GetAssignmentTeam)
  async team(@Payload() request: RequestOf<typeof GetAssignmentTeam>): Promise<AnswerOf<typeof GetAssignmentTeam>> {
    return this.sessions.team(await this.access.requireHubRole(request, 'mentor'), request.data.assignmentId);
  }

  @Answers(MoveSession)
  async move(@Payload() request: RequestOf<typeof MoveSession>): Promise<AnswerOf<typeof MoveSession>> {
    return this.sessions.move(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }

  @Answers(CancelSession)
  async cancel(@Payload() request: RequestOf<typeof CancelSession>): Promise<AnswerOf<typeof CancelSession>> {
    return this.sessions.cancel(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }

  @Answers(CompleteSession)
  async complete(@Payload() request: RequestOf<typeof CompleteSession>): Promise<AnswerOf<typeof CompleteSession>> {
    return this.sessions.complete(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }

  @Answers(ListMySessions)
  async mine(@Payload() request: RequestOf<typeof ListMySessions>): Promise<AnswerOf<typeof ListMySessions>> {
    return this.sessions.mine(await this.access.requireCaller(request), request.data);
  }

  @Answers(SetActionItemDone)
  async setDone(@Payload() request: RequestOf<typeof SetActionItemDone>): Promise<AnswerOf<typeof SetActionItemDone>> {
    return this.sessions.setDone(await this.access.requireCaller(request), request.data);
  }

  @Answers(GetReminderSettings)
  async reminderLeads(@Payload() request: RequestOf<typeof GetReminderSettings>): Promise<AnswerOf<typeof GetReminderSettings>> {
    return this.reminderSettings.get(await this.access.requireHubRole(request, 'hub_admin'));
  }

  @Answers(PutReminderSettings)
  async setReminderLeads(@Payload() request: RequestOf<typeof PutReminderSettings>): Promise<AnswerOf<typeof PutReminderSettings>> {
    return this.reminderSettings.put(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }
}
