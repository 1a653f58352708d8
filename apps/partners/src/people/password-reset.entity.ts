import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Hub } from '../hubs/hub.entity';
import { Person } from './person.entity';

/** A link e-mailed to a person's address to set a new password: good once, for an hour. Only the SHA-256 of its token is kept. */
@Entity('password_reset')
@Unique('password_reset_token_hash_key', ['tokenHash'])
@Check('password_reset_token_hash_check', `token_hash ~ '^[0-9a-f]{64}$'`)
@Index('password_reset_person_idx', ['personId'])
export class PasswordReset {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'password_reset_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'password_reset_hub_id_fkey' })
  hubId: string;

  @Column('uuid', { name: 'person_id' })
  @ForeignKey(() => Person, { name: 'password_reset_person_id_fkey', onDelete: 'CASCADE' })
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
