import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HubRole } from '@cirkel/contracts';

/** A role a person holds in a hub (table `hub_role`). */
@Entity('hub_role')
export class HubRoleGrant {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  role: HubRole;

  @Column('timestamptz', { name: 'granted_at' })
  grantedAt: Date;
}
