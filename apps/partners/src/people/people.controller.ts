import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetMe, ListPeople, MeView, Page, PersonView, SetHubRoles } from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { HubRolesService } from './hub-roles.service';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly hubRoles: HubRolesService,
  ) {}

  @MessagePattern(GetMe.pattern)
  async getMe(@Payload() envelope: unknown): Promise<MeView> {
    const { call } = parseRequest(GetMe, envelope);
    return this.people.getMe(call);
  }

  @MessagePattern(ListPeople.pattern)
  async list(@Payload() envelope: unknown): Promise<Page<PersonView>> {
    const { call, data } = parseRequest(ListPeople, envelope);
    return this.people.list(call, data);
  }

  @MessagePattern(SetHubRoles.pattern)
  async setHubRoles(@Payload() envelope: unknown): Promise<PersonView> {
    const { call, data } = parseRequest(SetHubRoles, envelope);
    return this.hubRoles.set(call, data);
  }
}
