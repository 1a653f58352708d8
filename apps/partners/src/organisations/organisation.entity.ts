import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ORGANISATION_STATUSES, ORGANISATION_TYPES, OrganisationStatus, OrganisationType, sqlOneOf, sqlSubsetOf, WORK_DOMAINS, WorkDomain } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';
import { Person } from '../people/person.entity';

/** What an org admin asked to change of an active organisation, waiting for a hub admin (only the fields given). */
export interface ProposedChange {
  name?: string;
  enterpriseNumber?: string | null;
  proposedAt: string;
  proposedBy: string;
}

/** A partner organisation of a hub. */
@Entity('organisation')
@Check('organisation_type_check', sqlOneOf('type', ORGANISATION_TYPES))
@Check('organisation_enterprise_number_check', `enterprise_number ~ '^[01][0-9]{9}$'`)
@Check('organisation_work_domains_check', sqlSubsetOf('work_domains', WORK_DOMAINS))
@Check('organisation_status_check', sqlOneOf('status', ORGANISATION_STATUSES))
@Check('organisation_approval_check', `(status = 'active') = (approved_at IS NOT NULL)`)
@Check('organisation_rejection_check', `(status = 'rejected') = (rejected_at IS NOT NULL)`)
// A rejected registration frees its enterprise number.
@Index('organisation_held_enterprise_number_idx', ['hubId', 'enterpriseNumber'], { unique: true, where: `(status <> 'rejected'::text)` })
@Index('organisation_hub_name_idx', ['hubId', 'name', 'id'])
@Index('organisation_work_domains_idx', ['workDomains'], { type: 'gin' })
export class Organisation {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'organisation_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'organisation_hub_id_fkey' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  type: OrganisationType;

  /** Ten digits (KBO/BCE), or null. */
  @Column('text', { name: 'enterprise_number', nullable: true })
  enterpriseNumber: string | null;

  @Column('text', { name: 'work_domains', array: true, default: [] })
  workDomains: WorkDomain[];

  @Column('text')
  status: OrganisationStatus;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  @ForeignKey(() => Person, { name: 'organisation_approved_by_fkey' })
  approvedBy: string | null;

  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  rejectedAt: Date | null;

  @Column('uuid', { name: 'rejected_by', nullable: true })
  @ForeignKey(() => Person, { name: 'organisation_rejected_by_fkey' })
  rejectedBy: string | null;

  /** Why a hub admin rejected the registration, for its registrant. */
  @Column('text', { name: 'rejection_reason', nullable: true })
  rejectionReason: string | null;

  /** A new name or enterprise number its org admin asked for while it is active, until a hub admin decides. */
  @Column('jsonb', { name: 'proposed_change', nullable: true })
  proposedChange: ProposedChange | null;
}
