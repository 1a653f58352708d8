import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One stored figure of a hub's statistics: a period (year, quarter, month), a dimension (`total`,
 * `workDomain`, `sector`, `contractType` or an indicator) and its group. Replaced as a whole per
 * (hub, year) by the statistics job; unsuppressed (suppression is applied when read).
 */
@Entity('statistic_figure')
export class StatisticFigure {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  period: string;

  @PrimaryColumn('text')
  dimension: string;

  @PrimaryColumn('text', { name: 'group_key' })
  groupKey: string;

  /** Placements that started in the period. */
  @Column('int')
  jobs: number;

  /** Their hours per week, summed (FTE = hours / 38). */
  @Column('numeric', { precision: 14, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hours: number;

  @Column('int', { name: 'participants_entered' })
  participantsEntered: number;

  @Column('int', { name: 'participants_left' })
  participantsLeft: number;

  @Column('timestamptz', { name: 'computed_at' })
  computedAt: Date;
}
