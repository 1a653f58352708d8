import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationStatus } from '@cirkel/contracts';

/** Each organisation's status as partners last told it (newest version wins): who signs a new charter. */
@Entity('organisation_status')
export class OrganisationStatusCopy {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  status: OrganisationStatus;

  @Column('integer')
  version: number;
}
