import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CharterSignatureView, SignCharter } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody } from '../http/validated.decorators';
import { CharterSignatureBody, charterSignatureBodySchema } from '../organisations/organisation.bodies';

@ApiTags('charters')
@ApiBearerAuth()
@Controller('organisations/:id/charter-signatures')
export class CharterSignaturesController {
  constructor(private readonly requests: RequestClient) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: "Sign the current charter version for an active organisation (its org_admin)" })
  @ApiAnswer(SignCharter, 'The signature', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  sign(@UuidParam('id') organisationId: string, @ZodBody(charterSignatureBodySchema) body: CharterSignatureBody, @Origin() origin: RequestOrigin): Promise<CharterSignatureView> {
    return this.requests.send(SignCharter, { ...origin, data: { organisationId, ...body } });
  }
}
