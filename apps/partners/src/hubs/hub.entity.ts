import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A hub (tenant): Genk is the first. */
@Entity('hub')
@Unique('hub_slug_key', ['slug'])
export class Hub {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'hub_pkey' })
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
