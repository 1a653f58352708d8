import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the organisations of an idea were told of, by the idea's version: a move
 * (`idea-stage-changed`) or a new collaborator (`collaborator-joined`, whose `organisationId` is the
 * organisation that joined). The joins say which organisations were partners at which version; the
 * log lets an organisation whose join arrives late be told what it missed (idea-updates.service.ts).
 */
@Entity('idea_update')
@Index('idea_update_idea_idx', ['ideaId', 'version'])
export class IdeaUpdate {
  /** The event: one row however often it is delivered. */
  @PrimaryColumn('uuid', { name: 'source_event_id' })
  sourceEventId: string;

  @Column('text', { name: 'source_type' })
  sourceType: string;

  @Column('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** The idea's version after the event; 0 for an event from before versions (its place is not known). */
  @Column('integer')
  version: number;

  @Column('text')
  kind: 'idea-stage-changed' | 'collaborator-joined';

  @Column('jsonb')
  params: Record<string, string>;

  /** The organisation that joined (`collaborator-joined`), else null. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** Who made the change (not told of it). */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;
}
