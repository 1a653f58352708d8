import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WorkDomain } from '@cirkel/contracts';

/** A mentor's profile as coaching last told it (`coaching.mentor-profile-changed`): who to tell of a new idea. */
@Entity('mentor_profile')
export class MentorProfile {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text', { name: 'work_domains', array: true })
  workDomains: WorkDomain[];

  @Column('integer')
  capacity: number;

  @Column('timestamptz', { name: 'unavailable_until', nullable: true })
  unavailableUntil: Date | null;

  /** The version of the profile this row holds: a lower one never overwrites it. */
  @Column('integer')
  version: number;
}
