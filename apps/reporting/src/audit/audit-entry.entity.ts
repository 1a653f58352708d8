import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditAction } from '@cirkel/contracts';

/** One read or change of a participant's data, or an export of the statistics: who, when, what (field names, never values). */
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

  /** The participant read or changed; null for an export of the statistics. */
  @Column('uuid', { name: 'participant_id', nullable: true })
  participantId: string | null;

  /** The period of an export of the statistics (`2026`, `2026-Q3`, a phase); null otherwise. */
  @Column('text', { nullable: true })
  period: string | null;

  @Column('uuid', { name: 'placement_id', nullable: true })
  placementId: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  fields: string[];
}
