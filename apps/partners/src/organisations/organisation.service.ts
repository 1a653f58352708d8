import { Injectable, Logger } from '@nestjs/common';
import {
  Caller,
  ApproveOrganisation,
  Forbidden,
  GetOrganisation,
  ListOrganisations,
  OrganisationApproved,
  OrganisationRejected,
  OrganisationChangeProposed,
  OrganisationUpdated,
  OrganisationView,
  Page,
  InputOf,
  RejectOrganisation,
  UpdateOrganisation,
  ApproveOrganisationChange,
  DiscardOrganisationChange,
} from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { decodeCursor, slicePage } from '../common/cursor';
import { isHubAdmin } from '@cirkel/auth';
import { personCause } from '@cirkel/messaging';
import { authoriseOrganisationAction, canApproveOrganisations, canSeeMembers, canSeeOrganisation, canUpdateOrganisation } from './organisation-access';
import { Organisation, ProposedChange } from './organisation.entity';
import { EnterpriseNumberTaken, NoProposedChange, OrganisationAlreadyActive, OrganisationNotFound, OrganisationNotPending, OrganisationRejected as OrganisationIsRejected } from './organisation.errors';
import { ENTERPRISE_NUMBER_CONSTRAINT, OrganisationRepository } from './organisation.repository';
import { OrganisationViews } from './organisation-views';

@Injectable()
export class OrganisationService {
  private readonly logger = new Logger(OrganisationService.name);

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: OrganisationViews,
  ) {}

  /** Hub admins see every organisation of the hub; everyone else the active ones and their own. */
  async list(caller: Caller, query: InputOf<typeof ListOrganisations>): Promise<Page<OrganisationView>> {
    const rows = await this.organisations.page(caller.hubId, {
      type: query.type,
      workDomain: query.workDomain,
      status: query.status,
      q: query.q,
      changeProposed: query.changeProposed,
      changeVisibleIn: isHubAdmin(caller) ? undefined : caller.memberships.map((m) => m.organisationId),
      visibility: isHubAdmin(caller) ? { all: true } : { all: false, alsoOrganisationIds: caller.memberships.map((m) => m.organisationId) },
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      take: query.limit + 1,
    });
    const page = slicePage(rows, query.limit);
    return { items: await this.views.many(page.rows, caller), nextCursor: page.nextCursor };
  }

  async get(caller: Caller, data: InputOf<typeof GetOrganisation>): Promise<OrganisationView> {
    // One query: who may see the members is known from the caller alone, before the row is read.
    const found = await this.organisations.findWithViewParts(caller.hubId, data.organisationId, canSeeMembers(caller, data.organisationId));
    if (!found || !canSeeOrganisation(caller, found.organisation)) throw new OrganisationNotFound();
    return this.views.of(found.organisation, found.parts);
  }

  /**
   * By the organisation's own org admin or a hub admin; an enterprise number stays unique within the
   * hub. An org admin's new name or enterprise number for an **active** organisation does not take
   * effect: it is kept as its proposed change (the latest replaces an earlier one) until a hub admin
   * approves or discards it, since the hub approved the organisation under its old name and number.
   * Its type and work domains, and anything of a pending one, change at once.
   */
  async update(caller: Caller, data: InputOf<typeof UpdateOrganisation>, correlationId: string): Promise<OrganisationView> {
    const { changes } = data;
    let updated: Organisation;
    try {
      updated = await this.unitOfWork.run(async (tx) => {
        const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
        authoriseOrganisationAction(caller, organisation, canUpdateOrganisation, "Only the organisation's org admins and hub admins change it.");
        if (organisation.status === 'rejected') throw new OrganisationIsRejected();
        const held = organisation.status === 'active' && !isHubAdmin(caller);
        const proposal = held ? proposedChangeOf(organisation, changes, caller.personId) : null;
        const next: Organisation = {
          ...organisation,
          name: held ? organisation.name : (changes.name ?? organisation.name),
          type: changes.type ?? organisation.type,
          enterpriseNumber: held || changes.enterpriseNumber === undefined ? organisation.enterpriseNumber : changes.enterpriseNumber,
          workDomains: changes.workDomains ?? organisation.workDomains,
          proposedChange: proposal ?? organisation.proposedChange,
        };
        const proposed = proposal !== null;
        if (!hasChanged(organisation, next) && !proposed) return organisation;
        const wanted = proposal?.enterpriseNumber ?? next.enterpriseNumber;
        if (wanted && wanted !== organisation.enterpriseNumber) {
          if (await this.organisations.enterpriseNumberTaken(caller.hubId, wanted, next.id, tx.manager)) throw new EnterpriseNumberTaken();
        }
        await this.organisations.update(next, tx.manager);
        if (hasChanged(organisation, next)) this.publishUpdated(tx, next, caller, correlationId);
        // The hub admins are told that a change waits for them (notifications).
        if (proposal) {
          const { name, enterpriseNumber } = proposal;
          const wanted = { ...(name !== undefined ? { proposedName: name } : {}), ...(enterpriseNumber !== undefined ? { proposedEnterpriseNumber: enterpriseNumber } : {}) };
          tx.publish(OrganisationChangeProposed, next.hubId, { organisationId: next.id, name: next.name, ...wanted, proposedBy: caller.personId }, personCause(caller.personId, correlationId));
        }
        this.logger.log(`organisation ${next.id} ${proposed ? 'change proposed' : 'updated'} by ${caller.personId}`);
        return next;
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTERPRISE_NUMBER_CONSTRAINT)) throw new EnterpriseNumberTaken();
      throw error;
    }
    return this.views.one(updated, caller);
  }

  /** A hub admin applies the proposed name or enterprise number (still unique in the hub). */
  async approveChange(caller: Caller, data: InputOf<typeof ApproveOrganisationChange>, correlationId: string): Promise<OrganisationView> {
    if (!canApproveOrganisations(caller)) throw new Forbidden('Only hub admins approve a change of name or enterprise number.');
    let approved: Organisation;
    try {
      approved = await this.unitOfWork.run(async (tx) => {
        const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
        if (!organisation) throw new OrganisationNotFound();
        const proposal = organisation.proposedChange;
        if (!proposal) throw new NoProposedChange();
        const next: Organisation = {
          ...organisation,
          name: proposal.name ?? organisation.name,
          enterpriseNumber: proposal.enterpriseNumber === undefined ? organisation.enterpriseNumber : proposal.enterpriseNumber,
          proposedChange: null,
        };
        if (next.enterpriseNumber && next.enterpriseNumber !== organisation.enterpriseNumber) {
          if (await this.organisations.enterpriseNumberTaken(caller.hubId, next.enterpriseNumber, next.id, tx.manager)) throw new EnterpriseNumberTaken();
        }
        await this.organisations.update(next, tx.manager);
        if (hasChanged(organisation, next)) this.publishUpdated(tx, next, caller, correlationId);
        return next;
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTERPRISE_NUMBER_CONSTRAINT)) throw new EnterpriseNumberTaken();
      throw error;
    }
    this.logger.log(`organisation ${approved.id}: change approved by ${caller.personId}`);
    return this.views.one(approved, caller);
  }

  /** A hub admin turns the proposed change down, or its organisation's org admin withdraws it: nothing changes. */
  async discardChange(caller: Caller, data: InputOf<typeof DiscardOrganisationChange>): Promise<OrganisationView> {
    const discarded = await this.unitOfWork.run(async (tx) => {
      const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
      authoriseOrganisationAction(caller, organisation, canUpdateOrganisation, "Only the organisation's org admins and hub admins discard its proposed change.");
      if (!organisation.proposedChange) throw new NoProposedChange();
      const next: Organisation = { ...organisation, proposedChange: null };
      await this.organisations.update(next, tx.manager);
      return next;
    });
    this.logger.log(`organisation ${discarded.id}: proposed change discarded by ${caller.personId}`);
    return this.views.one(discarded, caller);
  }

  private publishUpdated(tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0], next: Organisation, caller: Caller, correlationId: string): void {
    tx.publish(
      OrganisationUpdated,
      next.hubId,
      { organisationId: next.id, name: next.name, type: next.type, enterpriseNumber: next.enterpriseNumber, workDomains: next.workDomains, status: next.status },
      personCause(caller.personId, correlationId),
    );
  }

  /** A hub admin approves a pending organisation: it becomes active, once. */
  async approve(caller: Caller, data: InputOf<typeof ApproveOrganisation>, correlationId: string): Promise<OrganisationView> {
    if (!canApproveOrganisations(caller)) throw new Forbidden('Only hub admins approve organisations.');
    const approved = await this.unitOfWork.run(async (tx) => {
      const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
      if (!organisation) throw new OrganisationNotFound();
      if (organisation.status === 'active') throw new OrganisationAlreadyActive();
      if (organisation.status === 'rejected') throw new OrganisationIsRejected();
      const next: Organisation = { ...organisation, status: 'active', approvedAt: new Date(), approvedBy: caller.personId };
      await this.organisations.update(next, tx.manager);
      tx.publish(
        OrganisationApproved,
        next.hubId,
        { organisationId: next.id, name: next.name, approvedBy: caller.personId },
        personCause(caller.personId, correlationId),
      );
      return next;
    });
    this.logger.log(`organisation ${approved.id} approved by ${caller.personId}`);
    return this.views.one(approved, caller);
  }

  /**
   * A hub admin rejects a pending registration, with a reason: the organisation stays (its members
   * still see it, and why) but can do nothing more, and its enterprise number is free again.
   */
  async reject(caller: Caller, data: InputOf<typeof RejectOrganisation>, correlationId: string): Promise<OrganisationView> {
    if (!canApproveOrganisations(caller)) throw new Forbidden('Only hub admins reject organisations.');
    const rejected = await this.unitOfWork.run(async (tx) => {
      const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
      if (!organisation) throw new OrganisationNotFound();
      if (organisation.status !== 'pending') throw new OrganisationNotPending(organisation.status);
      const next: Organisation = { ...organisation, status: 'rejected', rejectedAt: new Date(), rejectedBy: caller.personId, rejectionReason: data.reason };
      await this.organisations.update(next, tx.manager);
      tx.publish(
        OrganisationRejected,
        next.hubId,
        { organisationId: next.id, name: next.name, reason: data.reason, rejectedBy: caller.personId },
        personCause(caller.personId, correlationId),
      );
      return next;
    });
    this.logger.log(`organisation ${rejected.id} rejected by ${caller.personId}`);
    return this.views.one(rejected, caller);
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

/** The name and enterprise number of `changes` that differ from the organisation's, as a proposal; null when neither does. */
function proposedChangeOf(organisation: Organisation, changes: InputOf<typeof UpdateOrganisation>['changes'], personId: string): ProposedChange | null {
  const name = changes.name !== undefined && changes.name !== organisation.name ? { name: changes.name } : {};
  const number = changes.enterpriseNumber !== undefined && changes.enterpriseNumber !== organisation.enterpriseNumber ? { enterpriseNumber: changes.enterpriseNumber } : {};
  if (Object.keys(name).length + Object.keys(number).length === 0) return null;
  return { ...name, ...number, proposedAt: new Date().toISOString(), proposedBy: personId };
}
