import { Controller, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@cirkel/auth';
import { AcceptInvitation, PersonView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { RequestLimiter } from '../auth/request-limits';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody, ZodParam } from '../http/validated.decorators';

const acceptanceBodySchema = AcceptInvitation.input.omit({ token: true });
type AcceptanceBody = z.input<typeof acceptanceBodySchema>;

@ApiTags('invitations')
@Public()
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly requests: RequestClient,
    private readonly limits: RequestLimiter,
  ) {}

  @Post(':token/acceptance')
  @Idempotent()
  @ApiOperation({ summary: 'Accept an invitation: become a member with a name and password' })
  @ApiAnswer(AcceptInvitation, 'The new member', 201)
  @ApiProblems(400, 404, 409, 422, 429, 503)
  async accept(
    @ZodParam('token', AcceptInvitation.input.shape.token) token: string,
    @ZodBody(acceptanceBodySchema) body: AcceptanceBody,
    @Origin() origin: RequestOrigin,
    @Ip() address: string,
  ): Promise<PersonView> {
    await this.limits.count('invitation-acceptance', address);
    return this.requests.send(AcceptInvitation, { ...origin, data: { token, ...body } });
  }
}
