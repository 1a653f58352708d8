import { Controller, Delete, Get, Put } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, ChangeLanguage, GetMe, MeView } from '@cirkel/contracts';
import { CurrentCaller } from '@cirkel/auth';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';
import { AuthService } from '../auth/auth.service';
import { LoginsEndedView, loginsEndedViewSchema } from '../sessions/sessions.views';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly requests: RequestClient,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller: person, roles, organisations and hub' })
  @ApiAnswer(GetMe, 'The person, their hub and their organisations')
  @ApiProblems(401, 503)
  me(@Origin() origin: RequestOrigin): Promise<MeView> {
    return this.requests.send(GetMe, { ...origin, data: {} });
  }

  @Put('language')
  @ApiOperation({ summary: "Choose the caller's language (nl or en): the web app's and their e-mails'" })
  @ApiAnswer(ChangeLanguage, 'The person, their hub and their organisations, with the new language')
  @ApiProblems(400, 401, 503)
  changeLanguage(@ZodBody(ChangeLanguage.input) body: z.input<typeof ChangeLanguage.input>, @Origin() origin: RequestOrigin): Promise<MeView> {
    return this.requests.send(ChangeLanguage, { ...origin, data: body });
  }

  @Delete('sessions')
  @ApiOperation({ summary: "End every login of the caller, on every device: their refresh tokens and login device cookies stop at once, access tokens within their lifetime (15 minutes)" })
  @ApiAnswer(loginsEndedViewSchema, 'How many logins this ended')
  @ApiProblems(401, 503)
  async endSessions(@CurrentCaller() caller: Caller): Promise<LoginsEndedView> {
    return { ended: await this.auth.endAll(caller.personId) };
  }
}
