import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, DeactivatePerson, ListPeople, ReactivatePerson, RequestOf, SetHubRoles } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { DeactivationService } from './deactivation.service';
import { HubRolesService } from './hub-roles.service';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(
    private readonly access: Access,
    private readonly people: PeopleService,
    private readonly hubRoles: HubRolesService,
    private readonly deactivation: DeactivationService,
  ) {}

  @Answers(ListPeople)
  async list(@Payload() request: RequestOf<typeof ListPeople>): Promise<AnswerOf<typeof ListPeople>> {
    return this.people.list(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }

  @Answers(SetHubRoles)
  async setHubRoles(@Payload() request: RequestOf<typeof SetHubRoles>): Promise<AnswerOf<typeof SetHubRoles>> {
    return this.hubRoles.set(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(DeactivatePerson)
  async deactivate(@Payload() request: RequestOf<typeof DeactivatePerson>): Promise<AnswerOf<typeof DeactivatePerson>> {
    return this.deactivation.deactivate(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(ReactivatePerson)
  async reactivate(@Payload() request: RequestOf<typeof ReactivatePerson>): Promise<AnswerOf<typeof ReactivatePerson>> {
    return this.deactivation.reactivate(await this.access.requireHubRole(request, 'hub_admin'), request.data);
  }
}
