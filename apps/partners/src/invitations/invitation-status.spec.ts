import { invitationStatus } from './invitation-status';

const now = new Date('2026-11-30T12:00:00Z');
const open = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-12-07T12:00:00Z') };

describe('invitationStatus', () => {
  it('is pending while open and before its expiry', () => {
    expect(invitationStatus(open, now)).toBe('pending');
  });

  it('is expired from the moment of its expiry on', () => {
    expect(invitationStatus({ ...open, expiresAt: now }, now)).toBe('expired');
  });

  it('is accepted once accepted, whatever else', () => {
    expect(invitationStatus({ ...open, acceptedAt: now, expiresAt: new Date('2026-01-01T00:00:00Z') }, now)).toBe('accepted');
  });

  it('is revoked once revoked, also after its expiry', () => {
    expect(invitationStatus({ ...open, revokedAt: now, expiresAt: new Date('2026-01-01T00:00:00Z') }, now)).toBe('revoked');
  });
});
