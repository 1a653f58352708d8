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

/**
 * The hash of a reference under each version of the key (`keys` oldest first: version v is
 * keys[v − 1]). Version 1 is referenceHash with the first key; each later version is the HMAC of
 * the one before under its own key. So a rotation needs no reference in clear: a stored hash of
 * version v becomes version n by hashing it on with the keys after v (rehashed), and a reference is
 * found whatever version its participant is at. Knowing an old key alone opens nothing: every hash
 * of a later version needs the later keys too.
 */
export function referenceHashes(keys: readonly string[], hubId: string, reference: string): string[] {
  const hashes = [referenceHash(keys[0], hubId, reference)];
  for (const key of keys.slice(1)) hashes.push(hashOn(key, hashes[hashes.length - 1]));
  return hashes;
}

/** A stored hash of version `from` (1-based) as of the newest version of `keys`. */
export function rehashed(keys: readonly string[], from: number, hash: string): string {
  return keys.slice(from).reduce((h, key) => hashOn(key, h), hash);
}

const hashOn = (key: string, hash: string) => createHmac('sha256', key).update(hash).digest('hex');
