import { Controller, Delete, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, GetMe, MeView } from '@cirkel/contracts';
import { CurrentCaller } from '@cirkel/auth';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { RefreshTokenService } from '../sessions/refresh-token.service';
import { LoginsEndedView, loginsEndedViewSchema } from '../sessions/sessions.views';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly requests: RequestClient,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller: person, roles, organisations and hub' })
  @ApiAnswer(GetMe, 'The person, their hub and their organisations')
  @ApiProblems(401, 503)
  me(@Origin() origin: RequestOrigin): Promise<MeView> {
    return this.requests.send(GetMe, { ...origin, data: {} });
  }

  @Delete('sessions')
  @ApiOperation({ summary: "End every login of the caller, on every device: their refresh tokens stop at once, access tokens within their lifetime (15 minutes)" })
  @ApiAnswer(loginsEndedViewSchema, 'How many logins this ended')
  @ApiProblems(401)
  async endSessions(@CurrentCaller() caller: Caller): Promise<LoginsEndedView> {
    return { ended: await this.refreshTokens.endAll(caller.personId) };
  }
}
