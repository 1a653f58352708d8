import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { ParticipantResult } from '@cirkel/contracts';

/**
 * A participant, pseudonymous: the job coach's reference only as its keyed hash (HMAC per hub), and
 * the ESF+ common indicators at entry. Never a name, e-mail, birth date or national number.
 */
@Entity('participant')
@Unique('participant_reference_hash_key', ['hubId', 'referenceHash'])
@Index('participant_hub_organisation_idx', ['hubId', 'organisationId'])
@Index('participant_reference_key_version_idx', ['referenceKeyVersion', 'id'])
export class Participant {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** The job coach's organisation: it holds the link between the reference and the person. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** HMAC-SHA256 of the hub and the reference, hex, under the reference key's version `referenceKeyVersion` (reference-hash.ts). */
  @Column('text', { name: 'reference_hash' })
  referenceHash: string;

  /** The reference key's version the hash is at: older ones are rehashed after a rotation (ReferenceRehash). */
  @Column('integer', { name: 'reference_key_version', default: 1 })
  referenceKeyVersion: number;

  @Column('text')
  gender: string;

  @Column('text', { name: 'age_band' })
  ageBand: string;

  @Column('text', { name: 'labour_market_status' })
  labourMarketStatus: string;

  @Column('text')
  education: string;

  @Column('text')
  disability: string;

  @Column('text', { name: 'third_country_national' })
  thirdCountNational: string;

  @Column('text', { name: 'foreign_background' })
  foreignBackground: string;

  @Column('text')
  minority: string;

  @Column('date', { name: 'entry_date' })
  entryDate: string;

  @Column('date', { name: 'exit_date', nullable: true })
  exitDate: string | null;

  @Column('text', { name: 'results_at_exit', array: true, nullable: true })
  resultsAtExit: ParticipantResult[] | null;

  @Column('text', { name: 'results_after_six_months', array: true, nullable: true })
  resultsAfterSixMonths: ParticipantResult[] | null;

  @Column('timestamptz', { name: 'enrolled_at' })
  enrolledAt: Date;

  @Column('uuid', { name: 'enrolled_by' })
  enrolledBy: string;
}
