import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { HUB_ROLES, HubRole, ORGANISATION_ROLES, OrganisationRole, sqlOneOf, sqlSubsetOf } from '@cirkel/contracts';

/** A person's hub roles, as a service learnt them from `partners.roles-changed` (the whole set each time). */
@Entity('copied_hub_roles')
@Check('copied_hub_roles_hub_roles_check', sqlSubsetOf('hub_roles', HUB_ROLES))
export class CopiedHubRoles {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'copied_hub_roles_pkey' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text', { name: 'hub_roles', array: true })
  hubRoles: HubRole[];

  /** When the fact was true (the event's `occurredAt`). */
  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;

  /** The version of the person's hub roles (`aggregateVersionOf` the event): a lower one never overwrites it. */
  @Column('integer', { default: 0 })
  version: number;
}

/** A person's membership of an organisation, as a service learnt it from `partners.member-joined`. */
@Entity('copied_membership')
@Check('copied_membership_role_check', sqlOneOf('role', ORGANISATION_ROLES))
export class CopiedMembership {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'copied_membership_pkey' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id', primaryKeyConstraintName: 'copied_membership_pkey' })
  organisationId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  role: OrganisationRole;

  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;

  /** The membership's version (`aggregateVersionOf` the event): a lower one never overwrites it. */
  @Column('integer', { default: 0 })
  version: number;

  /** When the membership ended (`partners.member-left`); an ended membership grants nothing. */
  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt?: Date | null;
}
