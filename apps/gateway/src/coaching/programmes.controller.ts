import { Controller, Delete, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { CancelRegistration, CreateProgramme, GetProgramme, ListProgrammes, ProgrammeRegistrationView, ProgrammeView, RecordAttendance, RegisterForProgramme } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody } from '../http/validated.decorators';

const registerBodySchema = RegisterForProgramme.input.omit({ programmeId: true });
const attendanceBodySchema = RecordAttendance.input.omit({ programmeId: true, sessionId: true });

/** Programmes such as the "1+1=11" workshop: places, a waiting list, attendance. */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly requests: RequestClient) {}

  @Post()
  @Idempotent()
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Create a programme: title, places, sessions (hub admins)' })
  @ApiAnswer(CreateProgramme, 'The programme', 201)
  @ApiProblems(400, 401, 403, 503)
  create(@ZodBody(CreateProgramme.input) body: z.input<typeof CreateProgramme.input>, @Origin() origin: RequestOrigin): Promise<ProgrammeView> {
    return this.requests.send(CreateProgramme, { ...origin, data: body });
  }

  @Get()
  @ApiOperation({ summary: "The hub's programmes, newest first, with your own registration (and every registration for hub admins)" })
  @ApiAnswer(ListProgrammes, 'The programmes')
  @ApiProblems(401, 503)
  list(@Origin() origin: RequestOrigin): Promise<{ items: ProgrammeView[] }> {
    return this.requests.send(ListProgrammes, { ...origin, data: {} });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme with its sessions and places (every registration for hub admins)' })
  @ApiAnswer(GetProgramme, 'The programme')
  @ApiProblems(400, 401, 404, 503)
  get(@UuidParam('id') programmeId: string, @Origin() origin: RequestOrigin): Promise<ProgrammeView> {
    return this.requests.send(GetProgramme, { ...origin, data: { programmeId } });
  }

  @Post(':id/registrations')
  @Idempotent()
  @ApiOperation({ summary: 'Register yourself, or a colleague (personId) as their organisation’s org_admin, for an organisation of theirs (organisationId, needed when there are several): confirmed while places last, then waitlisted' })
  @ApiAnswer(RegisterForProgramme, 'The registration: confirmed or waitlisted', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  register(@UuidParam('id') programmeId: string, @ZodBody(registerBodySchema) body: z.input<typeof registerBodySchema>, @Origin() origin: RequestOrigin): Promise<ProgrammeRegistrationView> {
    return this.requests.send(RegisterForProgramme, { ...origin, data: { programmeId, ...body } });
  }

  @Delete(':id/registrations/:registrationId')
  @ApiOperation({ summary: 'Cancel a registration (the registered person, who registered them, hub admins); a freed place goes to the first on the waiting list' })
  @ApiAnswer(CancelRegistration, 'The registration, cancelled')
  @ApiProblems(400, 401, 404, 409, 503)
  cancel(@UuidParam('id') programmeId: string, @UuidParam('registrationId') registrationId: string, @Origin() origin: RequestOrigin): Promise<ProgrammeRegistrationView> {
    return this.requests.send(CancelRegistration, { ...origin, data: { programmeId, registrationId } });
  }

  @Put(':id/sessions/:sessionId/attendance')
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Record who of the confirmed registrations attended one session (hub admins)' })
  @ApiAnswer(RecordAttendance, 'The programme, with attendance')
  @ApiProblems(400, 401, 403, 404, 422, 503)
  attendance(
    @UuidParam('id') programmeId: string,
    @UuidParam('sessionId') sessionId: string,
    @ZodBody(attendanceBodySchema) body: z.input<typeof attendanceBodySchema>,
    @Origin() origin: RequestOrigin,
  ): Promise<ProgrammeView> {
    return this.requests.send(RecordAttendance, { ...origin, data: { programmeId, sessionId, ...body } });
  }
}
