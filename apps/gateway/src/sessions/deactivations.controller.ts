import { Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@cirkel/auth';
import { DeactivatePerson, PersonView, ReactivatePerson } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam } from '../http/validated.decorators';
import { AuthService } from '../auth/auth.service';

/**
 * A hub admin deactivates a person: partners takes their roles and memberships (and tells every
 * service), then the gateway ends their logins, so their refresh tokens stop at once and their
 * access tokens are refused by every service's fresh role check.
 */
@ApiTags('people')
@ApiBearerAuth()
@Roles('hub_admin')
@Controller('people')
export class DeactivationsController {
  constructor(
    private readonly requests: RequestClient,
    private readonly auth: AuthService,
  ) {}

  @Post(':id/deactivation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a person of the hub (hub admin): no more logins, every login and role ended at once' })
  @ApiAnswer(DeactivatePerson, 'The person, without roles or memberships')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  async deactivate(@UuidParam('id') personId: string, @Origin() origin: RequestOrigin): Promise<PersonView> {
    const person = await this.requests.send(DeactivatePerson, { ...origin, data: { personId } });
    await this.auth.endAll(person.id);
    return person;
  }

  @Delete(':id/deactivation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated person of the hub (hub admin): they may log in again, with no roles or memberships' })
  @ApiAnswer(ReactivatePerson, 'The person, active again, without roles or memberships')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  reactivate(@UuidParam('id') personId: string, @Origin() origin: RequestOrigin): Promise<PersonView> {
    return this.requests.send(ReactivatePerson, { ...origin, data: { personId } });
  }
}
