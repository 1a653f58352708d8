import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One move of an idea through the pipeline (ideas.stage-changed), on its Brussels day: stage movements per period. */
@Entity('stage_movement')
@Index('stage_movement_hub_day_idx', ['hubId', 'day'])
export class StageMovement {
  /** The event's id: each move is kept once. */
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('text', { name: 'from_stage' })
  fromStage: string;

  @Column('text', { name: 'to_stage' })
  toStage: string;

  @Column('date')
  day: string;
}
