import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Hub } from '../hubs/hub.entity';
import { Person } from './person.entity';

/**
 * A link e-mailed to a person's address that lets one browser log in to the account while its logins
 * are refused for failures made elsewhere (the gateway gives that browser a device cookie): good
 * once, for 15 minutes. Only the SHA-256 of its token is kept. A password change or reset and a
 * deactivation end the person's links.
 */
@Entity('login_unlock')
@Unique('login_unlock_token_hash_key', ['tokenHash'])
@Check('login_unlock_token_hash_check', `token_hash ~ '^[0-9a-f]{64}$'`)
@Index('login_unlock_person_idx', ['personId'])
export class LoginUnlock {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'login_unlock_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'login_unlock_hub_id_fkey' })
  hubId: string;

  @Column('uuid', { name: 'person_id' })
  @ForeignKey(() => Person, { name: 'login_unlock_person_id_fkey', onDelete: 'CASCADE' })
  personId: string;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
