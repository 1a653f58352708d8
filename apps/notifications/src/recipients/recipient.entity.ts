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

  /** When the newest fact the row holds happened (the event's `occurredAt`). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** The version of the person's hub roles `hubRoles` holds (0: none learnt yet): a lower one never overwrites it. */
  @Column('integer', { name: 'roles_version', default: 0 })
  rolesVersion: number;
}
