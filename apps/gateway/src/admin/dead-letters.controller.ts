import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { deadLetterRequest, DeadLetterService, deadLetterServiceSchema, DeadLetterView, ListDeadLetters, Page, ReplayDeadLetter } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodParam, ZodQuery } from '../http/validated.decorators';

const deadLettersQuerySchema = ListDeadLetters.input.extend({ service: deadLetterServiceSchema });
type DeadLettersQuery = z.input<typeof deadLettersQuerySchema>;

/** The events each service could not process (its dead letters), for the hub's admins; replayed once the cause is mended. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('hub_admin')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: "One service's dead letters of the hub, newest first, by cursor (hub admin)" })
  @ApiAnswer(ListDeadLetters, 'A page of dead letters, newest first')
  @ApiProblems(400, 401, 403, 503)
  list(@ZodQuery(deadLettersQuerySchema) query: DeadLettersQuery, @Origin() origin: RequestOrigin): Promise<Page<DeadLetterView>> {
    const { service, ...page } = query;
    return this.requests.send(deadLetterRequest(ListDeadLetters, service as DeadLetterService), { ...origin, data: page });
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a dead letter through its handler again (hub admin); 422 if it still fails, 409 if already replayed' })
  @ApiAnswer(ReplayDeadLetter, 'The dead letter, with replayedAt')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  replay(
    @ZodParam('service', deadLetterServiceSchema) service: DeadLetterService,
    @ZodParam('id', z.coerce.number().int().min(1)) deadLetterId: number,
    @Origin() origin: RequestOrigin,
  ): Promise<DeadLetterView> {
    return this.requests.send(deadLetterRequest(ReplayDeadLetter, service), { ...origin, data: { deadLetterId } });
  }
}
