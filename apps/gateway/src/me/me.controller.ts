import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetMe, MeView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: 'The caller: person, roles, organisations and hub' })
  @ApiAnswer(GetMe, 'The person, their hub and their organisations')
  @ApiProblems(401, 503)
  me(@Origin() origin: RequestOrigin): Promise<MeView> {
    return this.requests.send(GetMe, { ...origin, data: {} });
  }
}
