import { Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { DeleteEsfPhase, DeleteTarget, EsfPhaseView, esfPhaseKey, ListEsfPhases, ListTargets, PutEsfPhase, PutTarget, TargetView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody, ZodParam, ZodQuery } from '../http/validated.decorators';

const phaseBodySchema = PutEsfPhase.input.omit({ key: true });
type PhaseBody = z.input<typeof phaseBodySchema>;
const targetBodySchema = PutTarget.input.omit({ period: true });
type TargetBody = z.input<typeof targetBodySchema>;
const targetPeriod = PutTarget.input.shape.period;
const deletePhaseQuerySchema = DeleteEsfPhase.input.omit({ key: true });
type DeletePhaseQuery = z.input<typeof deletePhaseQuerySchema>;

/** The hub's ESF phases and its targets per year or phase, with the progress made. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller()
export class TargetsController {
  constructor(private readonly requests: RequestClient) {}

  @Get('targets')
  @Roles('hub_admin', 'city_staff')
  @ApiOperation({ summary: 'The targets per year and ESF phase (jobs, of which social, FTE, participants) with what was reached; suppressed unless you are a hub admin' })
  @ApiAnswer(ListTargets, 'Every target with its progress')
  @ApiProblems(401, 403, 503)
  list(@Origin() origin: RequestOrigin): Promise<{ items: TargetView[] }> {
    return this.requests.send(ListTargets, { ...origin, data: {} });
  }

  @Put('targets/:period')
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Set the target of a year (2026) or an ESF phase (its key) (hub admins)' })
  @ApiAnswer(PutTarget, 'The target with its progress')
  @ApiProblems(400, 401, 403, 404, 503)
  put(@ZodParam('period', targetPeriod) period: string, @ZodBody(targetBodySchema) body: TargetBody, @Origin() origin: RequestOrigin): Promise<TargetView> {
    return this.requests.send(PutTarget, { ...origin, data: { period, ...body } });
  }

  @Delete('targets/:period')
  @Roles('hub_admin')
  @ApiOperation({ summary: "Remove a year's or an ESF phase's target on its own (hub admins); the phase and its figures stay" })
  @ApiAnswer(DeleteTarget, 'The target as it was, with its progress')
  @ApiProblems(400, 401, 403, 404, 503)
  remove(@ZodParam('period', targetPeriod) period: string, @Origin() origin: RequestOrigin): Promise<TargetView> {
    return this.requests.send(DeleteTarget, { ...origin, data: { period } });
  }

  @Get('esf-phases')
  @Roles('hub_admin', 'city_staff')
  @ApiOperation({ summary: "The hub's ESF phases, such as the call \"circulair werk(t)!\"" })
  @ApiAnswer(ListEsfPhases, 'Every phase, oldest first')
  @ApiProblems(401, 403, 503)
  phases(@Origin() origin: RequestOrigin): Promise<{ items: EsfPhaseView[] }> {
    return this.requests.send(ListEsfPhases, { ...origin, data: {} });
  }

  @Put('esf-phases/:key')
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Define or change an ESF phase: its name and its first and last day (hub admins); its statistics are kept from the next run' })
  @ApiAnswer(PutEsfPhase, 'The phase')
  @ApiProblems(400, 401, 403, 503)
  putPhase(@ZodParam('key', esfPhaseKey) key: string, @ZodBody(phaseBodySchema) body: PhaseBody, @Origin() origin: RequestOrigin): Promise<EsfPhaseView> {
    return this.requests.send(PutEsfPhase, { ...origin, data: { key, ...body } });
  }

  @Delete('esf-phases/:key')
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Remove an ESF phase with the statistics kept for it (hub admins); while a target is set for it, refused (409 esf-phase-has-target) unless removeTarget=true' })
  @ApiAnswer(DeleteEsfPhase, 'The phase, removed')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  deletePhase(@ZodParam('key', esfPhaseKey) key: string, @ZodQuery(deletePhaseQuerySchema) query: DeletePhaseQuery, @Origin() origin: RequestOrigin): Promise<EsfPhaseView> {
    return this.requests.send(DeleteEsfPhase, { ...origin, data: { key, ...query } });
  }
}
