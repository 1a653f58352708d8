import { createHash, randomBytes } from 'node:crypto';

/** Days an invitation stays valid. */
export const INVITATION_VALID_DAYS = 7;

/** A new invitation token: 32 random bytes, base64url (43 characters). */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, hex. A token has 256 bits of entropy, so no salt or slow hash is needed. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationExpiry(from: Date): Date {
  return new Date(from.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
}

/** The link the invited person opens, in the web app. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/invitations/${token}`;
}
