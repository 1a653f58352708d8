import { Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { ActionItemView, AssignmentTeam, CancelSession, GetAssignmentTeam, CompleteSession, GetReminderSettings, ListMySessions, MoveSession, PlanSession, PutReminderSettings, ReminderSettingsView, SessionView, sessionChangesBody, SetActionItemDone } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody, ZodQuery } from '../http/validated.decorators';

const planBodySchema = PlanSession.input.omit({ assignmentId: true });
const cancelBodySchema = CancelSession.input.omit({ sessionId: true });
const completeBodySchema = CompleteSession.input.omit({ sessionId: true });
const doneBodySchema = SetActionItemDone.input.omit({ actionItemId: true });

/** Coaching sessions: the mentor plans, moves, cancels and completes them; the mentor and the participants see theirs. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(private readonly requests: RequestClient) {}

  @Post('assignments/:id/sessions')
  @Idempotent()
  @Roles('mentor')
  @ApiOperation({ summary: 'Plan a coaching session of an accepted assignment (its mentor): start, duration, place or link, participants of the lead organisation' })
  @ApiAnswer(PlanSession, 'The session, planned; its reminders queued', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  plan(@UuidParam('id') assignmentId: string, @ZodBody(planBodySchema) body: z.input<typeof planBodySchema>, @Origin() origin: RequestOrigin): Promise<SessionView> {
    return this.requests.send(PlanSession, { ...origin, data: { assignmentId, ...body } });
  }

  @Get('assignments/:id/team')
  @Roles('mentor')
  @ApiOperation({ summary: 'Whom the mentor of an accepted assignment may plan a session with: the idea’s lead organisation’s active members, by name' })
  @ApiAnswer(GetAssignmentTeam, 'The people, by name')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  team(@UuidParam('id') assignmentId: string, @Origin() origin: RequestOrigin): Promise<AssignmentTeam> {
    return this.requests.send(GetAssignmentTeam, { ...origin, data: { assignmentId } });
  }

  @Patch('sessions/:id')
  @Roles('mentor')
  @ApiOperation({ summary: 'Move a planned session (its mentor): another start, duration, place or participants; its reminders move with it' })
  @ApiAnswer(MoveSession, 'The session, moved')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  move(@UuidParam('id') sessionId: string, @ZodBody(sessionChangesBody) body: z.input<typeof sessionChangesBody>, @Origin() origin: RequestOrigin): Promise<SessionView> {
    return this.requests.send(MoveSession, { ...origin, data: { sessionId, ...body } });
  }

  @Post('sessions/:id/cancellation')
  @Idempotent()
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Cancel a planned session (its mentor); its reminders are removed' })
  @ApiAnswer(CancelSession, 'The session, cancelled')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  cancel(@UuidParam('id') sessionId: string, @ZodBody(cancelBodySchema) body: z.input<typeof cancelBodySchema>, @Origin() origin: RequestOrigin): Promise<SessionView> {
    return this.requests.send(CancelSession, { ...origin, data: { sessionId, ...body } });
  }

  @Post('sessions/:id/completion')
  @Idempotent()
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Complete a session that has started (its mentor): notes, and action items with an owner and a due day' })
  @ApiAnswer(CompleteSession, 'The session, held')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  complete(@UuidParam('id') sessionId: string, @ZodBody(completeBodySchema) body: z.input<typeof completeBodySchema>, @Origin() origin: RequestOrigin): Promise<SessionView> {
    return this.requests.send(CompleteSession, { ...origin, data: { sessionId, ...body } });
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Your coaching sessions, as mentor or participant, starting in [from, to), by start; a page (limit, default 100, at most 500) at a time, the next with cursor. With ideaId only that idea’s: a hub admin gets every session of it' })
  @ApiAnswer(ListMySessions, 'Your sessions')
  @ApiProblems(400, 401, 503)
  mine(@ZodQuery(ListMySessions.input) query: z.input<typeof ListMySessions.input>, @Origin() origin: RequestOrigin): Promise<{ items: SessionView[]; nextCursor: string | null }> {
    return this.requests.send(ListMySessions, { ...origin, data: query });
  }

  @Patch('action-items/:id')
  @ApiOperation({ summary: 'Mark an action item done, or open again (its owner, the session’s mentor)' })
  @ApiAnswer(SetActionItemDone, 'The action item')
  @ApiProblems(400, 401, 404, 503)
  setDone(@UuidParam('id') actionItemId: string, @ZodBody(doneBodySchema) body: z.input<typeof doneBodySchema>, @Origin() origin: RequestOrigin): Promise<ActionItemView> {
    return this.requests.send(SetActionItemDone, { ...origin, data: { actionItemId, ...body } });
  }

  @Get('reminder-settings')
  @Roles('hub_admin')
  @ApiOperation({ summary: "When the hub's session reminders go out: minutes before the start (hub admins); the default unless the hub set its own" })
  @ApiAnswer(GetReminderSettings, "The hub's lead times")
  @ApiProblems(401, 403, 503)
  reminderSettings(@Origin() origin: RequestOrigin): Promise<ReminderSettingsView> {
    return this.requests.send(GetReminderSettings, { ...origin, data: {} });
  }

  @Put('reminder-settings')
  @Roles('hub_admin')
  @ApiOperation({ summary: "Set when the hub's session reminders go out: one to five lead times in minutes, 5 minutes to 14 days (hub admins); planned sessions get reminders at these times" })
  @ApiAnswer(PutReminderSettings, "The hub's lead times, largest first")
  @ApiProblems(400, 401, 403, 503)
  putReminderSettings(@ZodBody(PutReminderSettings.input) body: z.input<typeof PutReminderSettings.input>, @Origin() origin: RequestOrigin): Promise<ReminderSettingsView> {
    return this.requests.send(PutReminderSettings, { ...origin, data: body });
  }
}
