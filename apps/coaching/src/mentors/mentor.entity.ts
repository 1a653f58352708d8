import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sqlSubsetOf, WORK_DOMAINS, WorkDomain } from '@cirkel/contracts';

/** A person who holds (or held) the mentor role in a hub, from `partners.roles-changed`. */
@Entity('mentor')
@Index('mentor_hub_idx', ['hubId'], { where: 'active' })
@Check('mentor_capacity_check', 'capacity >= 0')
@Check('mentor_work_domains_check', sqlSubsetOf('work_domains', WORK_DOMAINS))
export class Mentor {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  name: string;

  /** False once the person no longer holds the role; assignments keep pointing at the row. */
  @Column('boolean')
  active: boolean;

  /** When the newest fact the row holds happened (the event's `occurredAt`). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** The version of the person's hub roles the row holds (`aggregateVersionOf` the event): a lower one never overwrites it. */
  @Column('integer', { default: 0 })
  version: number;

  /** The profile the mentor keeps themselves (empty until they do: capacity 0 is never matched). */
  @Column('text', { name: 'work_domains', array: true, default: () => "'{}'" })
  workDomains: WorkDomain[];

  @Column('int', { default: 0 })
  capacity: number;

  @Column('text', { default: '' })
  bio: string;

  @Column('timestamptz', { name: 'unavailable_until', nullable: true })
  unavailableUntil: Date | null;
}
