import { Injectable, Logger } from '@nestjs/common';
import {
  ApproveOrganisation,
  Forbidden,
  GetOrganisation,
  ListOrganisations,
  OrganisationApproved,
  OrganisationUpdated,
  OrganisationView,
  Page,
  RequestData,
  UpdateOrganisation,
} from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { decodeCursor, slicePage } from '../common/cursor';
import { isHubAdmin, personCause } from '../common/principal';
import { RequestCall } from '../common/request-call';
import { PrincipalService } from '../people/principal.service';
import { authoriseOrganisationAction, canApproveOrganisations, canSeeOrganisation, canUpdateOrganisation } from './organisation-access';
import { Organisation } from './organisation.entity';
import { EnterpriseNumberTaken, OrganisationAlreadyActive, OrganisationNotFound } from './organisation.errors';
import { ENTERPRISE_NUMBER_CONSTRAINT, OrganisationRepository } from './organisation.repository';
import { OrganisationViews } from './organisation-views';

@Injectable()
export class OrganisationService {
  private readonly logger = new Logger(OrganisationService.name);

  constructor(
    private readonly principals: PrincipalService,
    private readonly organisations: OrganisationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: OrganisationViews,
  ) {}

  /** Hub admins see every organisation of the hub; everyone else the active ones and their own. */
  async list(call: RequestCall, query: RequestData<typeof ListOrganisations>): Promise<Page<OrganisationView>> {
    const principal = await this.principals.require(call);
    const rows = await this.organisations.page(principal.hubId, {
      type: query.type,
      workDomain: query.workDomain,
      status: query.status,
      q: query.q,
      visibility: isHubAdmin(principal) ? { all: true } : { all: false, alsoOrganisationIds: principal.memberships.map((m) => m.organisationId) },
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      take: query.limit + 1,
    });
    const page = slicePage(rows, query.limit);
    return { items: await this.views.many(page.rows, principal), nextCursor: page.nextCursor };
  }

  async get(call: RequestCall, data: RequestData<typeof GetOrganisation>): Promise<OrganisationView> {
    const principal = await this.principals.require(call);
    const organisation = await this.organisations.findInHub(principal.hubId, data.organisationId);
    if (!organisation || !canSeeOrganisation(principal, organisation)) throw new OrganisationNotFound();
    return this.views.one(organisation, principal);
  }

  /** By the organisation's own org admin or a hub admin; an enterprise number stays unique within the hub. */
  async update(call: RequestCall, data: RequestData<typeof UpdateOrganisation>): Promise<OrganisationView> {
    const principal = await this.principals.require(call);
    const { changes } = data;
    let updated: Organisation;
    try {
      updated = await this.unitOfWork.run(async (tx) => {
        const organisation = await this.organisations.findInHubForUpdate(principal.hubId, data.organisationId, tx.manager);
        authoriseOrganisationAction(principal, organisation, canUpdateOrganisation, "Only the organisation's org admins and hub admins change it.");
        const next: Organisation = {
          ...organisation,
          name: changes.name ?? organisation.name,
          type: changes.type ?? organisation.type,
          enterpriseNumber: changes.enterpriseNumber === undefined ? organisation.enterpriseNumber : changes.enterpriseNumber,
          workDomains: changes.workDomains ?? organisation.workDomains,
        };
        if (!hasChanged(organisation, next)) return organisation;
        if (next.enterpriseNumber && next.enterpriseNumber !== organisation.enterpriseNumber) {
          if (await this.organisations.enterpriseNumberTaken(principal.hubId, next.enterpriseNumber, next.id, tx.manager)) throw new EnterpriseNumberTaken();
        }
        await this.organisations.update(next, tx.manager);
        tx.publish(
          OrganisationUpdated,
          next.hubId,
          { organisationId: next.id, name: next.name, type: next.type, enterpriseNumber: next.enterpriseNumber, workDomains: next.workDomains, status: next.status },
          personCause(principal.personId, call.correlationId),
        );
        this.logger.log(`organisation ${next.id} updated by ${principal.personId}`);
        return next;
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTERPRISE_NUMBER_CONSTRAINT)) throw new EnterpriseNumberTaken();
      throw error;
    }
    return this.views.one(updated, principal);
  }

  /** A hub admin approves a pending organisation: it becomes active, once. */
  async approve(call: RequestCall, data: RequestData<typeof ApproveOrganisation>): Promise<OrganisationView> {
    const principal = await this.principals.require(call);
    if (!canApproveOrganisations(principal)) throw new Forbidden('Only hub admins approve organisations.');
    const approved = await this.unitOfWork.run(async (tx) => {
      const organisation = await this.organisations.findInHubForUpdate(principal.hubId, data.organisationId, tx.manager);
      if (!organisation) throw new OrganisationNotFound();
      if (organisation.status === 'active') throw new OrganisationAlreadyActive();
      const next: Organisation = { ...organisation, status: 'active', approvedAt: new Date(), approvedBy: principal.personId };
      await this.organisations.update(next, tx.manager);
      tx.publish(
        OrganisationApproved,
        next.hubId,
        { organisationId: next.id, name: next.name, approvedBy: principal.personId },
        personCause(principal.personId, call.correlationId),
      );
      return next;
    });
    this.logger.log(`organisation ${approved.id} approved by ${principal.personId}`);
    return this.views.one(approved, principal);
  }
}

function hasChanged(before: Organisation, after: Organisation): boolean {
  return (
    before.name !== after.name ||
    before.type !== after.type ||
    before.enterpriseNumber !== after.enterpriseNumber ||
    before.workDomains.length !== after.workDomains.length ||
    before.workDomains.some((d, i) => after.workDomains[i] !== d)
  );
}
