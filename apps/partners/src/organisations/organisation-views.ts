import { Injectable } from '@nestjs/common';
import { Caller, OrganisationView } from '@cirkel/contracts';
import { CharterRepository } from '../charters/charter.repository';
import { MembershipRepository } from '../people/membership.repository';
import { canSeeMembers } from './organisation-access';
import { Organisation } from './organisation.entity';

/** Builds OrganisationViews: the signature of the current charter, and members for those who may see them. */
@Injectable()
export class OrganisationViews {
  constructor(
    private readonly charters: CharterRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async many(organisations: Organisation[], caller: Caller | null): Promise<OrganisationView[]> {
    if (organisations.length === 0) return [];
    const hubId = organisations[0].hubId;
    const ids = organisations.map((o) => o.id);
    const current = await this.charters.current(hubId);
    const withMembers = ids.filter((id) => canSeeMembers(caller, id));
    const [signatures, members] = await Promise.all([
      current ? this.charters.signaturesOf(hubId, ids, current.version) : Promise.resolve(new Map()),
      this.memberships.membersOf(hubId, withMembers),
    ]);
    return organisations.map((o) => {
      const signature = signatures.get(o.id);
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
        charter: signature ? { version: signature.charterVersion, signedAt: signature.signedAt.toISOString(), signedBy: signature.signedBy } : null,
        members: withMembers.includes(o.id)
          ? members.filter((m) => m.organisationId === o.id).map(({ personId, name, email, role }) => ({ personId, name, email, role }))
          : null,
      };
    });
  }

  async one(organisation: Organisation, caller: Caller | null): Promise<OrganisationView> {
    const [view] = await this.many([organisation], caller);
    return view;
  }
}
