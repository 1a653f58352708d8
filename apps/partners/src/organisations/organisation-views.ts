import { Injectable } from '@nestjs/common';
import { Caller, OrganisationView } from '@cirkel/contracts';
import { canSeeMembers } from './organisation-access';
import { Organisation, ProposedChange } from './organisation.entity';
import { OrganisationRepository, OrganisationViewParts } from './organisation.repository';

/**
 * Builds OrganisationViews: the signature of the current charter, and members for those who may
 * see them, read in one query for any number of organisations.
 */
@Injectable()
export class OrganisationViews {
  constructor(private readonly organisations: OrganisationRepository) {}

  async many(organisations: Organisation[], caller: Caller | null): Promise<OrganisationView[]> {
    if (organisations.length === 0) return [];
    const hubId = organisations[0].hubId;
    const ids = organisations.map((o) => o.id);
    const parts = await this.organisations.viewPartsOf(
      hubId,
      ids,
      ids.filter((id) => canSeeMembers(caller, id)),
    );
    return organisations.map((o) => this.of(o, parts.get(o.id) ?? { signature: null, members: null }));
  }

  /** The view of an organisation whose parts were read already. */
  of(o: Organisation, { signature, members }: OrganisationViewParts): OrganisationView {
    return {
      id: o.id,
      hubId: o.hubId,
      name: o.name,
      type: o.type,
      enterpriseNumber: o.enterpriseNumber,
      workDomains: o.workDomains,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
      approvedAt: o.approvedAt?.toISOString() ?? null,
      // who signed, and what waits for approval, only for those who see the members (its own members, hub admins)
      charter: signature ? { version: signature.charterVersion, signedAt: signature.signedAt.toISOString(), signedBy: members ? signature.signedBy : null } : null,
      proposedChange: members && o.proposedChange ? proposedChangeView(o.proposedChange) : null,
      members,
    };
  }

  async one(organisation: Organisation, caller: Caller | null): Promise<OrganisationView> {
    const [view] = await this.many([organisation], caller);
    return view;
  }
}

function proposedChangeView({ name, enterpriseNumber, proposedAt }: ProposedChange): NonNullable<OrganisationView['proposedChange']> {
  return { ...(name !== undefined ? { name } : {}), ...(enterpriseNumber !== undefined ? { enterpriseNumber } : {}), proposedAt };
}
