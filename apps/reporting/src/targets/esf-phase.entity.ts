import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named period of the ESF call a hub admin defines (e.g. "circulair werk(t)! fase 2"). */
@Entity('esf_phase')
export class EsfPhase {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  name: string;

  @Column('date', { name: 'from_day' })
  fromDay: string;

  /** The last day of the phase. */
  @Column('date', { name: 'to_day' })
  toDay: string;
}
