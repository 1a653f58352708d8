import { hashSecretToken, newSecretToken, secretLink } from '../common/secret-token';

/** Days an invitation stays valid. */
export const INVITATION_VALID_DAYS = 7;

/** A new invitation token: 32 random bytes, base64url (43 characters). */
export const newInvitationToken = newSecretToken;

/** What is stored of a token: its SHA-256, hex. */
export const hashInvitationToken = hashSecretToken;

export function invitationExpiry(from: Date): Date {
  return new Date(from.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
}

/** The link the invited person opens, in the web app. */
export function invitationLink(publicUrl: string, token: string): string {
  return secretLink(publicUrl, 'invitations', token);
}
