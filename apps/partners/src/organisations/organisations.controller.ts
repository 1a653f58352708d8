import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ApproveOrganisation, ApproveOrganisationChange, ConfirmRegistration, DiscardOrganisationChange, GetOrganisation, ListOrganisations, RegisterOrganisation, RejectOrganisation, RequestOf, UpdateOrganisation } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { OrganisationService } from './organisation.service';
import { RegistrationService } from './registration.service';

@Controller()
export class OrganisationsController {
  constructor(
    private readonly access: Access,
    private readonly registrations: RegistrationService,
    private readonly organisations: OrganisationService,
  ) {}

  /** Anonymous: a new organisation and its first person, once the address confirms it. */
  @Answers(RegisterOrganisation)
  register(@Payload() request: RequestOf<typeof RegisterOrganisation>): Promise<AnswerOf<typeof RegisterOrganisation>> {
    return this.registrations.register(request.data, request.correlationId);
  }

  /** Anonymous: the address's owner, with the e-mailed link's token. */
  @Answers(ConfirmRegistration)
  confirm(@Payload() request: RequestOf<typeof ConfirmRegistration>): Promise<AnswerOf<typeof ConfirmRegistration>> {
    return this.registrations.confirm(request.data, request.correlationId);
  }

  @Answers(ListOrganisations)
  async list(@Payload() request: RequestOf<typeof ListOrganisations>): Promise<AnswerOf<typeof ListOrganisations>> {
    return this.organisations.list(await this.access.requireCaller(request), request.data);
  }

  @Answers(GetOrganisation)
  async get(@Payload() request: RequestOf<typeof GetOrganisation>): Promise<AnswerOf<typeof GetOrganisation>> {
    return this.organisations.get(await this.access.requireCaller(request), request.data);
  }

  @Answers(UpdateOrganisation)
  async update(@Payload() request: RequestOf<typeof UpdateOrganisation>): Promise<AnswerOf<typeof UpdateOrganisation>> {
    return this.organisations.update(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(ApproveOrganisation)
  async approve(@Payload() request: RequestOf<typeof ApproveOrganisation>): Promise<AnswerOf<typeof ApproveOrganisation>> {
    return this.organisations.approve(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(RejectOrganisation)
  async reject(@Payload() request: RequestOf<typeof RejectOrganisation>): Promise<AnswerOf<typeof RejectOrganisation>> {
    return this.organisations.reject(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(ApproveOrganisationChange)
  async approveChange(@Payload() request: RequestOf<typeof ApproveOrganisationChange>): Promise<AnswerOf<typeof ApproveOrganisationChange>> {
    return this.organisations.approveChange(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(DiscardOrganisationChange)
  async discardChange(@Payload() request: RequestOf<typeof DiscardOrganisationChange>): Promise<AnswerOf<typeof DiscardOrganisationChange>> {
    return this.organisations.discardChange(await this.access.requireCaller(request), request.data);
  }
}
