import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApproveOrganisation,
  GetOrganisation,
  ListOrganisations,
  OrganisationView,
  Page,
  RegisterOrganisation,
  RegistrationView,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { OrganisationService } from './organisation.service';
import { RegistrationService } from './registration.service';

@Controller()
export class OrganisationsController {
  constructor(
    private readonly registrations: RegistrationService,
    private readonly organisations: OrganisationService,
  ) {}

  @MessagePattern(RegisterOrganisation.pattern)
  async register(@Payload() envelope: unknown): Promise<RegistrationView> {
    const { call, data } = parseRequest(RegisterOrganisation, envelope);
    return this.registrations.register(call, data);
  }

  @MessagePattern(ListOrganisations.pattern)
  async list(@Payload() envelope: unknown): Promise<Page<OrganisationView>> {
    const { call, data } = parseRequest(ListOrganisations, envelope);
    return this.organisations.list(call, data);
  }

  @MessagePattern(GetOrganisation.pattern)
  async get(@Payload() envelope: unknown): Promise<OrganisationView> {
    const { call, data } = parseRequest(GetOrganisation, envelope);
    return this.organisations.get(call, data);
  }

  @MessagePattern(UpdateOrganisation.pattern)
  async update(@Payload() envelope: unknown): Promise<OrganisationView> {
    const { call, data } = parseRequest(UpdateOrganisation, envelope);
    return this.organisations.update(call, data);
  }

  @MessagePattern(ApproveOrganisation.pattern)
  async approve(@Payload() envelope: unknown): Promise<OrganisationView> {
    const { call, data } = parseRequest(ApproveOrganisation, envelope);
    return this.organisations.approve(call, data);
  }
}
