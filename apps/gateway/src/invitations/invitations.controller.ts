import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@cirkel/auth';
import { AcceptInvitation, PersonView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody, ZodParam } from '../http/validated.decorators';

const acceptanceBodySchema = AcceptInvitation.schema.omit({ token: true });
type AcceptanceBody = z.input<typeof acceptanceBodySchema>;

@ApiTags('invitations')
@Public()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly requests: RequestClient) {}

  @Post(':token/acceptance')
  @Idempotent()
  @ApiOperation({ summary: 'Accept an invitation: become a member with a name and password' })
  @ApiCreatedResponse({ description: 'The new member (PersonView)' })
  @ApiProblems(400, 404, 409, 422, 503)
  accept(@ZodParam('token', AcceptInvitation.schema.shape.token) token: string, @ZodBody(acceptanceBodySchema) body: AcceptanceBody, @Origin() origin: RequestOrigin): Promise<PersonView> {
    return this.requests.send(AcceptInvitation, { ...origin, data: { token, ...body } });
  }
}
