import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { ListPeople, Page, PersonView, SetHubRoles } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody, ZodQuery } from '../http/validated.decorators';

const peopleQuerySchema = ListPeople.input;
type PeopleQuery = z.input<typeof peopleQuerySchema>;
const rolesBodySchema = SetHubRoles.input.omit({ personId: true });
type RolesBody = z.input<typeof rolesBodySchema>;

@ApiTags('people')
@ApiBearerAuth()
@Roles('hub_admin')
@Controller('people')
export class PeopleController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: 'People of the hub (hub admin); filter by role' })
  @ApiAnswer(ListPeople, 'A page of people, by name')
  @ApiProblems(400, 401, 403, 503)
  list(@ZodQuery(peopleQuerySchema) query: PeopleQuery, @Origin() origin: RequestOrigin): Promise<Page<PersonView>> {
    return this.requests.send(ListPeople, { ...origin, data: query });
  }

  @Put(':id/roles')
  @ApiOperation({ summary: "Set a person's hub roles, the full set (hub admin)" })
  @ApiAnswer(SetHubRoles, 'The person, with their hub roles')
  @ApiProblems(400, 401, 403, 404, 503)
  setRoles(@UuidParam('id') personId: string, @ZodBody(rolesBodySchema) body: RolesBody, @Origin() origin: RequestOrigin): Promise<PersonView> {
    return this.requests.send(SetHubRoles, { ...origin, data: { personId, ...body } });
  }
}
