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
  familyExpiresAt: Date;
}

/** A login lasts at most this long, however often it is refreshed; then its owner logs in again. */
export const LOGIN_FAMILY_MAX_SECONDS = 30 * 24 * 60 * 60;

/** Tokens expired longer ago than this are deleted (kept a day, so a late reuse is still told apart from garbage in the log). */
const PURGE_AFTER_MS = 24 * 60 * 60 * 1000;
/** At most this many expired tokens are deleted per login: the purge never makes a login slow. */
const PURGE_BATCH = 100;

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

  /**
   * Starts a new family (a login) and returns its first token. Each login also deletes a batch of
   * tokens that expired more than a day ago, so the table holds about the live logins (on write:
   * there are at least as many logins as logins that expire).
   */
  async start(personId: string, hubId: string, now = new Date()): Promise<string> {
    const familyExpiresAt = new Date(now.getTime() + LOGIN_FAMILY_MAX_SECONDS * 1000);
    const { token, row } = this.next({ familyId: uuidv7(), personId, hubId, familyExpiresAt }, now);
    await this.repository.insert(row);
    await this.repository
      .purgeExpired(new Date(now.getTime() - PURGE_AFTER_MS), PURGE_BATCH)
      .catch((error: Error) => this.logger.warn(`could not purge expired refresh tokens: ${error.message}`));
    return token;
  }

  /** Logout: ends the login (family) of a refresh token. An unknown or spent token ends nothing and is no error (RFC 7009, 2.2). */
  async end(token: string, now = new Date()): Promise<number> {
    const row = await this.repository.findByHash(hashOpaqueToken(token));
    if (!row || row.revokedAt) return 0;
    await this.repository.revokeFamily(row.familyId, now);
    return 1;
  }

  /** Ends every login of a person (all their devices); their access tokens live out their minutes. The number of logins ended. */
  endAll(personId: string, now = new Date()): Promise<number> {
    return this.repository.revokePerson(personId, now);
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
    return { tokenId: row.id, familyId: row.familyId, personId: row.personId, hubId: row.hubId, familyExpiresAt: row.familyExpiresAt };
  }

  /**
   * Refuses (401, and ends) a login that began before the person's credentials last changed (a
   * password change or reset, a deactivation; partners.get-identity v2 says when): whoever logged in
   * with a password that is no longer theirs is out even if ending the person's logins after the
   * change failed or never ran (partners answered after the gateway's timeout). A family began
   * LOGIN_FAMILY_MAX_SECONDS before it ends.
   */
  async refuseIfBegunBefore(session: RefreshableSession, credentialsChangedAt: string | null, now = new Date()): Promise<void> {
    if (credentialsChangedAt === null) return;
    const began = session.familyExpiresAt.getTime() - LOGIN_FAMILY_MAX_SECONDS * 1000;
    if (began >= Date.parse(credentialsChangedAt)) return;
    await this.repository.revokeFamily(session.familyId, now);
    this.logger.warn(`login ${session.familyId} of person ${session.personId} began before their credentials changed: ended`);
    throw new RefreshTokenInvalid();
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
      expiresAt: new Date(Math.min(now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000, session.familyExpiresAt.getTime())),
      familyExpiresAt: session.familyExpiresAt,
      usedAt: null,
      revokedAt: null,
    };
    return { token, row };
  }
}
