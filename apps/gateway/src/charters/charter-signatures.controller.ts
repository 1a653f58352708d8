import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganisationView, SignCharter } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
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
  @ApiCreatedResponse({ description: 'The organisation, with its signature (OrganisationView)' })
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  sign(@UuidParam('id') organisationId: string, @ZodBody(charterSignatureBodySchema) body: CharterSignatureBody, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(SignCharter, { ...origin, data: { organisationId, ...body } });
  }
}
