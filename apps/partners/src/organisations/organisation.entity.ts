import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationStatus, OrganisationType, WorkDomain } from '@cirkel/contracts';

/** A partner organisation of a hub. */
@Entity('organisation')
export class Organisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  type: OrganisationType;

  /** Ten digits (KBO/BCE), or null. */
  @Column('text', { name: 'enterprise_number', nullable: true })
  enterpriseNumber: string | null;

  @Column('text', { name: 'work_domains', array: true })
  workDomains: WorkDomain[];

  @Column('text')
  status: OrganisationStatus;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;
}
