import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Hub } from '../hubs/hub.entity';
import { Person } from '../people/person.entity';

/** One version of a hub's charter (intentieverklaring). */
@Entity('charter')
@Unique('charter_hub_version_key', ['hubId', 'version'])
@Check('charter_version_check', 'version >= 1')
export class Charter {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'charter_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'charter_hub_id_fkey' })
  hubId: string;

  @Column('integer')
  version: number;

  @Column('text', { name: 'text_nl' })
  textNl: string;

  @Column('text', { name: 'text_en' })
  textEn: string;

  @Column('timestamptz', { name: 'published_at', default: () => 'now()' })
  publishedAt: Date;

  @Column('uuid', { name: 'published_by' })
  @ForeignKey(() => Person, { name: 'charter_published_by_fkey' })
  publishedBy: string;
}
