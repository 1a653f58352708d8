import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One refresh token of a login (its family). Only the SHA-256 of the token is kept. A token is
 * good once: rotating it sets `usedAt` and issues the next one in the same family; presenting it
 * again revokes the family.
 */
@Entity('refresh_token')
@Unique('refresh_token_token_hash_key', ['tokenHash'])
@Index('refresh_token_family_idx', ['familyId'])
@Index('refresh_token_person_idx', ['personId'])
@Index('refresh_token_expires_idx', ['expiresAt'])
export class RefreshToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('char', { name: 'token_hash', length: 64 })
  tokenHash: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  /** When the login ends, however often it is refreshed: no token of the family lives past it. */
  @Column('timestamptz', { name: 'family_expires_at' })
  familyExpiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
