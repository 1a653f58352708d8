import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a hub's charter (intentieverklaring). */
@Entity('charter')
export class Charter {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('integer')
  version: number;

  @Column('text', { name: 'text_nl' })
  textNl: string;

  @Column('text', { name: 'text_en' })
  textEn: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;

  @Column('uuid', { name: 'published_by' })
  publishedBy: string;
}
