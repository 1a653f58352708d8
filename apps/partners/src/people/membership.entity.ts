import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationRole } from '@cirkel/contracts';

/** A person's role in an organisation. */
@Entity('membership')
export class Membership {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  role: OrganisationRole;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
