import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many events of a type a hub saw on a day (Europe/Brussels). */
@Entity('event_tally')
export class EventTally {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  type: string;

  @PrimaryColumn('date')
  day: string;

  @Column('int')
  count: number;
}
