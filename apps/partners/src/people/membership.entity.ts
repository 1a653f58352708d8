import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ORGANISATION_ROLES, OrganisationRole, sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';
import { Person } from './person.entity';

/** A person's role in an organisation. */
@Entity('membership')
@Check('membership_role_check', sqlOneOf('role', ORGANISATION_ROLES))
@Index('membership_organisation_idx', ['organisationId'])
export class Membership {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'membership_pkey' })
  @ForeignKey(() => Person, { name: 'membership_person_id_fkey', onDelete: 'CASCADE' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id', primaryKeyConstraintName: 'membership_pkey' })
  // By entity name, so that people never imports organisations (organisations depends on people, not back).
  @ForeignKey('Organisation', { name: 'membership_organisation_id_fkey', onDelete: 'CASCADE' })
  organisationId: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'membership_hub_id_fkey' })
  hubId: string;

  @Column('text')
  role: OrganisationRole;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
