import { createHash, randomBytes } from 'node:crypto';

/** A new opaque token (a refresh token, an idempotency key): 32 random bytes, base64url. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored in place of an opaque token: its SHA-256, hex. The token itself is never stored. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
