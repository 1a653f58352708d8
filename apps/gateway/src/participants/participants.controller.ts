import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import {
  AuditEntryView,
  ChangeParticipant,
  ChangePlacement,
  EnrolParticipant,
  GetParticipant,
  ListAuditLog,
  ListParticipants,
  Page,
  participantChangesSchema,
  ParticipantView,
  placementChangesSchema,
  placementFieldsSchema,
  PlacementView,
  RecordPlacement,
} from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody, ZodQuery } from '../http/validated.decorators';

type Enrolment = z.input<typeof EnrolParticipant.input>;
type ParticipantsQuery = z.input<typeof ListParticipants.input>;
type ParticipantChanges = z.input<typeof participantChangesSchema>;
type PlacementFields = z.input<typeof placementFieldsSchema>;
type PlacementChanges = z.input<typeof placementChangesSchema>;
type AuditQuery = z.input<typeof ListAuditLog.input>;

/** Participants and placements (job coaches: their organisation's; hub admins: the hub's, read only), and the audit log of their data. */
@ApiTags('participants')
@ApiBearerAuth()
@Controller()
export class ParticipantsController {
  constructor(private readonly requests: RequestClient) {}

  @Post('participants')
  @Idempotent()
  @Roles('job_coach')
  @ApiOperation({ summary: "Enrol a participant of your organisation: your reference (kept only as a keyed hash) and the ESF+ indicators at entry; no name, e-mail, birth date or national number" })
  @ApiAnswer(EnrolParticipant, 'The participant', 201)
  @ApiProblems(400, 401, 403, 409, 422, 503)
  enrol(@ZodBody(EnrolParticipant.input) body: Enrolment, @Origin() origin: RequestOrigin): Promise<ParticipantView> {
    return this.requests.send(EnrolParticipant, { ...origin, data: body });
  }

  @Get('participants')
  @Roles('job_coach', 'hub_admin')
  @ApiOperation({ summary: 'Participants you may see, newest first; reference finds the one with your reference' })
  @ApiAnswer(ListParticipants, 'A page of participants')
  @ApiProblems(400, 401, 403, 503)
  list(@ZodQuery(ListParticipants.input) query: ParticipantsQuery, @Origin() origin: RequestOrigin): Promise<Page<ParticipantView>> {
    return this.requests.send(ListParticipants, { ...origin, data: query });
  }

  @Get('participants/:id')
  @Roles('job_coach', 'hub_admin')
  @ApiOperation({ summary: 'One participant with their placements (audited)' })
  @ApiAnswer(GetParticipant, 'The participant')
  @ApiProblems(400, 401, 403, 404, 503)
  get(@UuidParam('id') participantId: string, @Origin() origin: RequestOrigin): Promise<ParticipantView> {
    return this.requests.send(GetParticipant, { ...origin, data: { participantId } });
  }

  @Patch('participants/:id')
  @Roles('job_coach')
  @ApiOperation({ summary: 'Correct the indicators, set the exit date and the results (at exit, six months after)' })
  @ApiAnswer(ChangeParticipant, 'The participant, changed')
  @ApiProblems(400, 401, 403, 404, 503)
  change(@UuidParam('id') participantId: string, @ZodBody(participantChangesSchema) changes: ParticipantChanges, @Origin() origin: RequestOrigin): Promise<ParticipantView> {
    return this.requests.send(ChangeParticipant, { ...origin, data: { participantId, changes } });
  }

  @Post('participants/:id/placements')
  @Idempotent()
  @Roles('job_coach')
  @ApiOperation({ summary: 'Record a job an idea created for the participant: employer, sector, contract type, hours per week (FTE = hours / 38), start and end' })
  @ApiAnswer(RecordPlacement, 'The placement', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  recordPlacement(@UuidParam('id') participantId: string, @ZodBody(placementFieldsSchema) placement: PlacementFields, @Origin() origin: RequestOrigin): Promise<PlacementView> {
    return this.requests.send(RecordPlacement, { ...origin, data: { participantId, placement } });
  }

  @Patch('placements/:id')
  @Roles('job_coach')
  @ApiOperation({ summary: 'Change a placement: its end date, hours, sector or contract type' })
  @ApiAnswer(ChangePlacement, 'The placement, changed')
  @ApiProblems(400, 401, 403, 404, 503)
  changePlacement(@UuidParam('id') placementId: string, @ZodBody(placementChangesSchema) changes: PlacementChanges, @Origin() origin: RequestOrigin): Promise<PlacementView> {
    return this.requests.send(ChangePlacement, { ...origin, data: { placementId, changes } });
  }

  @Get('audit-log')
  @Roles('hub_admin')
  @ApiOperation({ summary: "Who read or changed which participant's data, and when, newest first (hub admins)" })
  @ApiAnswer(ListAuditLog, 'A page of the audit log')
  @ApiProblems(400, 401, 403, 503)
  auditLog(@ZodQuery(ListAuditLog.input) query: AuditQuery, @Origin() origin: RequestOrigin): Promise<Page<AuditEntryView>> {
    return this.requests.send(ListAuditLog, { ...origin, data: query });
  }
}
