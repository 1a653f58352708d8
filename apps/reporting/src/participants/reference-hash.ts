import { createHmac } from 'node:crypto';

/**
 * The keyed hash of a job coach's reference within a hub: HMAC-SHA256 over the hub's id and the
 * reference (trimmed, NFKC, upper case: "ab-12 " and "AB-12" are one participant), hex. The same
 * reference finds the same participant in a hub and another one in another hub; without the key the
 * database cannot be joined to a list of references.
 */
export function referenceHash(key: string, hubId: string, reference: string): string {
  return createHmac('sha256', key).update(`${hubId}\n${reference.trim().normalize('NFKC').toUpperCase()}`).digest('hex');
}
