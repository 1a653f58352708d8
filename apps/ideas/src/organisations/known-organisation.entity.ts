import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganisationStatus } from '@cirkel/contracts';

/** A partner organisation as ideas knows it, kept up to date from `partners.*` events. */
@Entity('known_organisation')
@Index('known_organisation_hub_idx', ['hubId'])
export class KnownOrganisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  status: OrganisationStatus;

  /** When the newest fact the row holds happened (the event's `occurredAt`). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** The organisation's version the row holds (`aggregateVersionOf` the event): a lower one never overwrites it. */
  @Column('integer', { default: 0 })
  version: number;
}
