import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditAction } from '@cirkel/contracts';

/** One read or change of a participant's data: who, when, what (field names, never values). */
@Entity('audit_entry')
@Index('audit_entry_hub_idx', ['hubId', 'id'])
@Index('audit_entry_participant_idx', ['participantId'])
export class AuditEntry {
  /** UUIDv7: ordered by time. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('timestamptz')
  at: Date;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  action: AuditAction;

  @Column('uuid', { name: 'participant_id' })
  participantId: string;

  @Column('uuid', { name: 'placement_id', nullable: true })
  placementId: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  fields: string[];
}
