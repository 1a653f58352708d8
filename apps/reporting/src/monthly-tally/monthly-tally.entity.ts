import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many events of a type a hub saw in a month (Europe/Brussels days), recounted from `event_tally`. */
@Entity('monthly_tally')
export class MonthlyTally {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  type: string;

  /** The first day of the month. */
  @PrimaryColumn('date')
  month: string;

  @Column('int')
  count: number;
}
