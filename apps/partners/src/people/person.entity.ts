import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Language, LANGUAGES, sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';

/** A person with an account. The e-mail address (lower case) is unique across all hubs: login is by e-mail alone. */
@Entity('person')
@Unique('person_email_key', ['email'])
@Check('person_email_check', 'email = lower(email)')
@Check('person_language_check', sqlOneOf('language', LANGUAGES))
@Index('person_hub_name_idx', ['hubId', 'name', 'id'])
export class Person {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'person_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'person_hub_id_fkey' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  /** argon2id, in the PHC string format. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  language: Language;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  /** Set when a hub admin deactivated the person: they can no longer log in, and hold no roles. */
  @Column('timestamptz', { name: 'deactivated_at', nullable: true })
  deactivatedAt?: Date | null;

  @Column('uuid', { name: 'deactivated_by', nullable: true })
  deactivatedBy?: string | null;

  /**
   * When the person's credentials last changed — a password change or reset, a deactivation — or
   * null if never since this was recorded. The gateway refuses to refresh a login that began before
   * (partners.get-identity v2), so the end of the old logins does not hang on the gateway's own
   * request after the change.
   */
  @Column('timestamptz', { name: 'credentials_changed_at', nullable: true })
  credentialsChangedAt?: Date | null;
}
