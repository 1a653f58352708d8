import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@cirkel/auth';
import { CharterView, GetCurrentCharter, PublishCharter } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody, ZodQuery } from '../http/validated.decorators';
import { CharterBody, charterBodySchema, CurrentCharterQuery, currentCharterQuerySchema } from './charter.bodies';
import { HubDirectory } from './hub-directory.service';

@ApiTags('charters')
@Controller('charters')
export class ChartersController {
  constructor(
    private readonly requests: RequestClient,
    private readonly hubs: HubDirectory,
  ) {}

  @Get('current')
  @Public()
  @ApiOperation({ summary: "The hub's current charter (nl and en); anonymous callers add ?hub=<code>" })
  @ApiAnswer(GetCurrentCharter, 'The current charter, in Dutch and English')
  @ApiProblems(400, 404, 503)
  async current(@ZodQuery(currentCharterQuerySchema) query: CurrentCharterQuery, @Origin() origin: RequestOrigin): Promise<CharterView> {
    const hubId = await this.hubs.hubIdFor(origin, query.hub);
    return this.requests.send(GetCurrentCharter, { ...origin, hubId, data: {} });
  }

  @Post()
  @Idempotent()
  @Roles('hub_admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish a new charter version (hub admin); every partner is asked to sign again' })
  @ApiAnswer(PublishCharter, 'The new version', 201)
  @ApiProblems(400, 401, 403, 409, 422, 503)
  publish(@ZodBody(charterBodySchema) body: CharterBody, @Origin() origin: RequestOrigin): Promise<CharterView> {
    return this.requests.send(PublishCharter, { ...origin, data: body });
  }
}
