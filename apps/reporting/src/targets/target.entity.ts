import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A hub's target for a year or an ESF phase: jobs, of which in the social economy, FTE, participants. */
@Entity('target')
export class Target {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  /** A year (`2026`) or an ESF phase's key. */
  @PrimaryColumn('text')
  period: string;

  @Column('int')
  jobs: number;

  @Column('int', { name: 'social_jobs' })
  socialJobs: number;

  @Column('numeric', { precision: 10, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  fte: number;

  @Column('int')
  participants: number;
}
