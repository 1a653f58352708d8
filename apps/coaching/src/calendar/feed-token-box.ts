import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals a calendar feed's token for the database (AES-256-GCM), with a key derived (HKDF-SHA256)
 * from coaching's own service-token private key, which lives outside the database: a copy of the
 * database alone gives neither the feeds' addresses nor a way to read them. A changed private key
 * makes the tokens kept unreadable: their owners see no address until they renew it (the feeds
 * themselves, found by their hash, keep working).
 */
export class FeedTokenBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'cirkel-coaching', 'calendar-feed-token', 32));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** The token, or null for what this key did not seal (another key, altered, or not sealed at all). */
  open(sealed: string): string | null {
    const [version, iv, text, tag] = sealed.split('.');
    if (version !== VERSION || !iv || !text || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(text, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
