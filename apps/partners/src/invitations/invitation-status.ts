import { InvitationStatus } from '@cirkel/contracts';

export interface InvitationFacts {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** Where an invitation stands at `now`: accepted and revoked are final; an open one expires. */
export function invitationStatus(invitation: InvitationFacts, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** The same rule in SQL, over an invitation aliased `i`, for filtering a list by status. */
export const INVITATION_STATUS_SQL: Record<InvitationStatus, string> = {
  accepted: 'i.accepted_at IS NOT NULL',
  revoked: 'i.accepted_at IS NULL AND i.revoked_at IS NOT NULL',
  expired: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= :now',
  pending: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now',
};
