import { createHmac, timingSafeEqual } from 'node:crypto';
import { DIGEST_UNSUBSCRIBES, DigestUnsubscribe, NOTIFICATION_CATEGORIES, NotificationCategory } from '@cirkel/contracts';

/** What an unsubscribe link may change: one category's e-mail for one person, or the categories of one of their digests. */
export interface UnsubscribeClaim {
  personId: string;
  category: NotificationCategory | DigestUnsubscribe;
}

const CLAIMABLE: readonly string[] = [...NOTIFICATION_CATEGORIES, ...DIGEST_UNSUBSCRIBES];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `<person id>.<category>.<HMAC-SHA256 of both, base64url>`: readable, and changing either part
 * (another person, another category) breaks the signature. It does not expire: an old e-mail's
 * link still unsubscribes, which is what RFC 8058 expects.
 */
export class UnsubscribeTokens {
  constructor(private readonly secret: string) {}

  sign(claim: UnsubscribeClaim): string {
    return `${claim.personId}.${claim.category}.${this.mac(claim)}`;
  }

  /** The claim of a token this service signed, or null for anything else. */
  verify(token: string): UnsubscribeClaim | null {
    const [personId, category, mac, ...rest] = token.split('.');
    if (rest.length > 0 || !personId || !category || !mac || !UUID.test(personId)) return null;
    if (!CLAIMABLE.includes(category)) return null;
    const claim = { personId, category: category as UnsubscribeClaim['category'] };
    const expected = Buffer.from(this.mac(claim));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? claim : null;
  }

  private mac(claim: UnsubscribeClaim): string {
    return createHmac('sha256', this.secret).update(`unsubscribe:${claim.personId}:${claim.category}`).digest('base64url');
  }
}
