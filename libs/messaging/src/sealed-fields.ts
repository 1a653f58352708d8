import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { compactDecrypt, CompactEncrypt, decodeProtectedHeader } from 'jose';
import { RequestContract, ValidationFailed } from '@cirkel/contracts';

/**
 * Passwords on the bus (issue 7, docs/security.md): each field a contract names `sealed` travels as
 * a compact JWE (RFC 7516) to the answering service's public key — ECDH-ES key agreement on P-256
 * with a fresh key per field, A256GCM — so the NATS servers, a subscriber allowed to read requests
 * and the logs of whoever relays them see ciphertext only. The protected header (authenticated by
 * the GCM tag) names the request it was sealed for and when: a sealed password copied into another
 * request, or kept and sent again later, does not open.
 */
const ALGORITHM = 'ECDH-ES';
const ENCRYPTION = 'A256GCM';
/** How long a sealed field opens after it was sealed (seconds, either way for clocks apart). */
export const SEALED_FIELD_MAX_AGE_SECONDS = 120;

interface SealHeader {
  /** The request's pattern (`partners.authenticate.v1`). */
  req?: unknown;
  /** When it was sealed (seconds since the epoch). */
  iat?: unknown;
}

type Json = Record<string, unknown>;

/** Encrypts a request's sealed fields to the answering service's public key (the gateway). */
export class FieldSealer {
  private readonly key: KeyObject;

  constructor(publicKeyPem: string) {
    this.key = createPublicKey(publicKeyPem);
  }

  /** `data` with every sealed field of `contract` that holds a string replaced by its JWE; other values are left for the service to refuse. */
  async seal<T>(contract: RequestContract, data: T): Promise<T> {
    if (contract.sealed.length === 0 || !isObject(data)) return data;
    const copy = structuredClone(data) as Json;
    const iat = Math.floor(Date.now() / 1000);
    for (const path of contract.sealed) {
      const value = valueAt(copy, path);
      if (typeof value !== 'string') continue;
      const jwe = await new CompactEncrypt(new TextEncoder().encode(value)).setProtectedHeader({ alg: ALGORITHM, enc: ENCRYPTION, req: contract.pattern, iat }).encrypt(this.key);
      setAt(copy, path, jwe);
    }
    return copy as T;
  }
}

/** Decrypts a request's sealed fields with the service's private key (partners), before its input is checked. */
export class FieldOpener {
  private readonly key: KeyObject;

  constructor(privateKeyPem: string) {
    this.key = createPrivateKey(privateKeyPem);
  }

  /**
   * The envelope with each sealed field of its data opened. A field that is not a JWE sealed to this
   * key for this request in the last two minutes (a password in clear among them) is a 400 naming
   * the field; an absent or non-string field is left for the contract to refuse.
   */
  async open(contract: RequestContract, envelope: unknown): Promise<unknown> {
    if (contract.sealed.length === 0 || !isObject(envelope) || !isObject(envelope['data'])) return envelope;
    const data = structuredClone(envelope['data']);
    const refused: { field: string; message: string }[] = [];
    for (const path of contract.sealed) {
      const value = valueAt(data, path);
      if (typeof value !== 'string') continue;
      const opened = await this.openOne(contract, value);
      if (opened === null) refused.push({ field: path, message: 'not sealed for this request (passwords and link tokens travel encrypted to the service, docs/security.md)' });
      else setAt(data, path, opened);
    }
    if (refused.length > 0) throw new ValidationFailed(refused);
    return { ...envelope, data };
  }

  private async openOne(contract: RequestContract, jwe: string): Promise<string | null> {
    try {
      const header = decodeProtectedHeader(jwe) as SealHeader;
      if (header.req !== contract.pattern || typeof header.iat !== 'number' || Math.abs(Date.now() / 1000 - header.iat) > SEALED_FIELD_MAX_AGE_SECONDS) return null;
      const { plaintext } = await compactDecrypt(jwe, this.key, { keyManagementAlgorithms: [ALGORITHM], contentEncryptionAlgorithms: [ENCRYPTION] });
      return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    } catch {
      return null; // not a JWE, another key, altered, or not UTF-8
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: Json, path: string): unknown {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** Sets a value that `valueAt` found (so every object on the path exists). */
function setAt(data: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Json>((at, key) => at[key] as Json, data);
  parent[last] = value;
}
