import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { HubRole, Language } from '@cirkel/contracts';

/** A person who may receive notifications, as learnt from `partners.*` events. */
@Entity('recipient')
// A GIN index, which entity metadata cannot describe: the migration owns it.
@Index('recipient_hub_roles_idx', { synchronize: false })
export class Recipient {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  language: Language;

  @Column('text', { name: 'hub_roles', array: true, default: () => "'{}'" })
  hubRoles: HubRole[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
