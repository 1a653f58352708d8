import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { HUB_ROLES, HubRole, sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';
import { Person } from './person.entity';

/** A role a person holds in a hub (table `hub_role`). */
@Entity('hub_role')
@Check('hub_role_role_check', sqlOneOf('role', HUB_ROLES))
@Index('hub_role_hub_role_idx', ['hubId', 'role'])
export class HubRoleGrant {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'hub_role_pkey' })
  @ForeignKey(() => Person, { name: 'hub_role_person_id_fkey', onDelete: 'CASCADE' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'hub_id', primaryKeyConstraintName: 'hub_role_pkey' })
  @ForeignKey(() => Hub, { name: 'hub_role_hub_id_fkey' })
  hubId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'hub_role_pkey' })
  role: HubRole;

  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  grantedAt: Date;
}
