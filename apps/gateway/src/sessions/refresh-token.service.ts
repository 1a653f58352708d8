import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { generateOpaqueToken, hashOpaqueToken, RefreshTokenInvalid, RefreshTokenReused } from '@cirkel/auth';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokenRepository } from './refresh-token.repository';

/** A refresh token that may be rotated: whose it is and which login (family) it belongs to. */
export interface RefreshableSession {
  tokenId: string;
  familyId: string;
  personId: string;
  hubId: string;
}

/**
 * Refresh tokens: opaque, stored as SHA-256 hashes, good once. Rotation happens in two steps so
 * that a failure in between (the identity service not answering) does not burn the token:
 * `redeemable` checks it (and revokes the family of a reused one), `rotate` uses it up and issues
 * the next one of the family in one transaction.
 */
@Injectable()
export class RefreshTokenService {
  private readonly logger = new Logger(RefreshTokenService.name);

  constructor(
    private readonly repository: RefreshTokenRepository,
    @Inject(CIRKEL_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Starts a new family (a login) and returns its first token. */
  async start(personId: string, hubId: string): Promise<string> {
    const { token, row } = this.next({ familyId: uuidv7(), personId, hubId });
    await this.repository.insert(row);
    return token;
  }

  /** The session of a token that may be rotated now; RefreshTokenInvalid or RefreshTokenReused otherwise. */
  async redeemable(token: string, now = new Date()): Promise<RefreshableSession> {
    const row = await this.repository.findByHash(hashOpaqueToken(token));
    if (!row) throw new RefreshTokenInvalid();
    if (row.usedAt) {
      await this.repository.revokeFamily(row.familyId, now);
      this.logger.warn(`refresh token ${row.id} presented again: family ${row.familyId} of person ${row.personId} revoked`);
      throw new RefreshTokenReused();
    }
    if (row.revokedAt || row.expiresAt.getTime() <= now.getTime()) throw new RefreshTokenInvalid();
    return { tokenId: row.id, familyId: row.familyId, personId: row.personId, hubId: row.hubId };
  }

  /** Uses the token up and returns the next one of its family. Losing a race with another use counts as reuse. */
  async rotate(session: RefreshableSession, now = new Date()): Promise<string> {
    const { token, row } = this.next(session, now);
    const rotated = await this.repository.transaction(async (manager) => {
      if (!(await this.repository.markUsed(session.tokenId, now, manager))) return false;
      await this.repository.insert(row, manager);
      return true;
    });
    if (!rotated) {
      await this.repository.revokeFamily(session.familyId, now);
      this.logger.warn(`refresh token ${session.tokenId} used twice at once: family ${session.familyId} revoked`);
      throw new RefreshTokenReused();
    }
    return token;
  }

  private next(session: Omit<RefreshableSession, 'tokenId'>, now = new Date()): { token: string; row: RefreshToken } {
    const token = generateOpaqueToken();
    const row: RefreshToken = {
      id: uuidv7(),
      familyId: session.familyId,
      personId: session.personId,
      hubId: session.hubId,
      tokenHash: hashOpaqueToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    };
    return { token, row };
  }
}
