import { createHash } from 'node:crypto';
import { hashInvitationToken, invitationExpiry, invitationLink, newInvitationToken } from './invitation-token';

describe('invitation tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newInvitationToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashInvitationToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashInvitationToken('abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('expire after seven days', () => {
    expect(invitationExpiry(new Date('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });

  it('link to the web app whatever the public URL ends with', () => {
    expect(invitationLink('http://localhost:3000', 'tok')).toBe('http://localhost:3000/invitations/tok');
    expect(invitationLink('https://cirkel.example/', 'tok')).toBe('https://cirkel.example/invitations/tok');
  });
});
