import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@cirkel/auth';
import {
  ApproveOrganisation,
  ApproveOrganisationChange,
  DiscardOrganisationChange,
  GetOrganisation,
  InvitationView,
  InviteMember,
  ListInvitations,
  ListOrganisations,
  OrganisationView,
  Page,
  RejectOrganisation,
  RevokeInvitation,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody, ZodQuery } from '../http/validated.decorators';
import {
  InvitationBody,
  invitationBodySchema,
  InvitationsQuery,
  invitationsQuerySchema,
  RejectionBody,
  rejectionBodySchema,
  OrganisationChanges,
  organisationChangesSchema,
  OrganisationsQuery,
  organisationsQuerySchema,
} from './organisation.bodies';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: 'Organisations of the hub, by cursor; filters type, workDomain, status, q' })
  @ApiAnswer(ListOrganisations, 'A page of organisations, by name')
  @ApiProblems(400, 401, 503)
  list(@ZodQuery(organisationsQuerySchema) query: OrganisationsQuery, @Origin() origin: RequestOrigin): Promise<Page<OrganisationView>> {
    return this.requests.send(ListOrganisations, { ...origin, data: query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation; members only for its own members and hub admins' })
  @ApiAnswer(GetOrganisation, 'The organisation')
  @ApiProblems(400, 401, 404, 503)
  get(@UuidParam('id') organisationId: string, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(GetOrganisation, { ...origin, data: { organisationId } });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an organisation (its own org_admin, or a hub admin)',
    description: "An org_admin's new name or enterprise number for an active organisation waits for a hub admin's approval (`proposedChange`); everything else changes at once.",
  })
  @ApiAnswer(UpdateOrganisation, 'The organisation, changed')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  update(@UuidParam('id') organisationId: string, @ZodBody(organisationChangesSchema) changes: OrganisationChanges, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(UpdateOrganisation, { ...origin, data: { organisationId, changes } });
  }

  @Post(':id/approval')
  @Idempotent()
  @HttpCode(200)
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Approve a pending organisation (hub admin): it becomes active' })
  @ApiAnswer(ApproveOrganisation, 'The organisation, now active')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  approve(@UuidParam('id') organisationId: string, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(ApproveOrganisation, { ...origin, data: { organisationId } });
  }

  @Post(':id/proposed-change/approval')
  @Idempotent()
  @HttpCode(200)
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Approve the name or enterprise number its org_admin proposed (hub admin): it takes effect' })
  @ApiAnswer(ApproveOrganisationChange, 'The organisation, changed')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  approveChange(@UuidParam('id') organisationId: string, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(ApproveOrganisationChange, { ...origin, data: { organisationId } });
  }

  @Delete(':id/proposed-change')
  @ApiOperation({ summary: 'Turn down (hub admin) or withdraw (its org_admin) a proposed change of name or enterprise number' })
  @ApiAnswer(DiscardOrganisationChange, 'The organisation, unchanged, without a proposed change')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  discardChange(@UuidParam('id') organisationId: string, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(DiscardOrganisationChange, { ...origin, data: { organisationId } });
  }

  @Post(':id/rejection')
  @Idempotent()
  @HttpCode(200)
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Reject a pending organisation (hub admin), saying why: it frees its enterprise number' })
  @ApiAnswer(RejectOrganisation, 'The organisation, now rejected')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  reject(@UuidParam('id') organisationId: string, @ZodBody(rejectionBodySchema) body: RejectionBody, @Origin() origin: RequestOrigin): Promise<OrganisationView> {
    return this.requests.send(RejectOrganisation, { ...origin, data: { organisationId, ...body } });
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: "The organisation's invitations, newest first, with their status (its org_admin); filter status" })
  @ApiAnswer(ListInvitations, 'A page of invitations, without their tokens')
  @ApiProblems(400, 401, 403, 404, 503)
  invitations(@UuidParam('id') organisationId: string, @ZodQuery(invitationsQuerySchema) query: InvitationsQuery, @Origin() origin: RequestOrigin): Promise<Page<InvitationView>> {
    return this.requests.send(ListInvitations, { ...origin, data: { organisationId, ...query } });
  }

  @Delete(':id/invitations/:invitationId')
  @ApiOperation({ summary: 'Revoke an invitation not yet accepted (its org_admin): its link stops working' })
  @ApiAnswer(RevokeInvitation, 'The invitation, revoked')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  revoke(@UuidParam('id') organisationId: string, @UuidParam('invitationId') invitationId: string, @Origin() origin: RequestOrigin): Promise<InvitationView> {
    return this.requests.send(RevokeInvitation, { ...origin, data: { organisationId, invitationId } });
  }

  @Post(':id/invitations')
  @Idempotent()
  @ApiOperation({ summary: "Invite someone to the organisation (its org_admin); the answer carries the link" })
  @ApiAnswer(InviteMember, 'The invitation, with its link', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  invite(@UuidParam('id') organisationId: string, @ZodBody(invitationBodySchema) body: InvitationBody, @Origin() origin: RequestOrigin): Promise<InvitationView> {
    return this.requests.send(InviteMember, { ...origin, data: { organisationId, ...body } });
  }
}
