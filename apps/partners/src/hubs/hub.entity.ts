import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A hub (tenant): Genk is the first. */
@Entity('hub')
export class Hub {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
