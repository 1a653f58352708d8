import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An idea as reporting knows it from `ideas.*`: its work domain and its stage now (newest version wins). */
@Entity('known_idea')
@Index('known_idea_hub_idx', ['hubId'])
export class KnownIdea {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** From ideas.submitted; null until that event has arrived. */
  @Column('text', { name: 'work_domain', nullable: true })
  workDomain: string | null;

  @Column('text')
  stage: string;

  @Column('integer', { default: 0 })
  version: number;

  /** The Brussels day of ideas.submitted: ideas submitted per period. */
  @Column('date', { name: 'submitted_on', nullable: true })
  submittedOn: string | null;
}
