import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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
  status: 'pending' | 'active';

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
