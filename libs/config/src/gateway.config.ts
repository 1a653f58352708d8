import { z } from 'zod';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { CirkelConfig } from './cirkel-config';
import { keyFingerprint, secretKey, tokenKey } from './token-keys';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The settings only the gateway reads: tokens, login limits, proxies, the API documentation. */
export const gatewayEnvironment = z.object({
  /** Trust X-Forwarded-For from this many proxies (an ingress in front), so rate limits see the client's address. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The OpenAPI UI and document at /api/docs; by default on, but off with NODE_ENV=production unless SWAGGER=true. */
  SWAGGER: flag.optional(),
  /**
   * The PEM private key (ES256, P-256) the gateway signs access and request tokens with; only the
   * gateway holds it. In development and test, when unset, the checkout's public development pair.
   */
  JWT_PRIVATE_KEY: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(60 * 60 * 24 * 30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  /**
   * Password checks (logins and password changes, successful or not; each costs partners an
   * Argon2id verification) per client address (IPv6: per /64) per minute, whatever the device
   * cookie: an office of twenty never meets 60, a script on one address is held to one a second.
   */
  LOGIN_WORK_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /**
   * Password checks per minute for everyone together: 300 (5 a second) is about half a core of
   * Argon2id (64 MiB, 3 passes) in partners, far above a hub's busiest morning.
   */
  LOGIN_WORK_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /**
   * The HMAC key of the login device cookies (docs/security.md, "Logins"): at least 32 characters,
   * the same for every replica. In development and test, when unset, the checkout's public
   * development secret; required with NODE_ENV=production. A new key makes every device unknown.
   */
  DEVICE_COOKIE_KEY: z.string().optional(),
});

export interface GatewaySettings {
  gateway: { swagger: boolean; trustProxyHops: number };
  auth: {
    /** PEM, the private half of `tokens.publicKey`. */
    privateKey: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxAttemptsPerAccount: number;
    loginMaxAttemptsPerAddress: number;
    loginWindowSeconds: number;
    /** Password checks per client address per minute, successes included (LoginRateLimiter). */
    loginWorkPerAddressPerMinute: number;
    /** Password checks per minute for everyone together. */
    loginWorkPerMinute: number;
    /** The HMAC key of the login device cookies. */
    deviceCookieKey: string;
  };
}

export type GatewayConfig = CirkelConfig & GatewaySettings;

export function gatewaySettings(e: z.output<typeof gatewayEnvironment>, base: CirkelConfig): { config: GatewaySettings; problems: string[] } {
  const { nodeEnv, tokens } = base;
  const privateKey = tokenKey('JWT_PRIVATE_KEY', e.JWT_PRIVATE_KEY, 'private', nodeEnv);
  const deviceCookieKey = secretKey('DEVICE_COOKIE_KEY', e.DEVICE_COOKIE_KEY, nodeEnv);
  const problems = [privateKey.problem, deviceCookieKey.problem].filter((p): p is string => p !== undefined);
  if (privateKey.pem && keyFingerprint(createPrivateKey(privateKey.pem)) !== keyFingerprint(createPublicKey(tokens.publicKey))) {
    problems.push('JWT_PRIVATE_KEY: not the private half of JWT_PUBLIC_KEY (the services could not verify what the gateway signs)');
  }
  return {
    problems,
    config: {
      gateway: { swagger: e.SWAGGER ?? nodeEnv !== 'production', trustProxyHops: e.TRUST_PROXY_HOPS },
      auth: {
        privateKey: privateKey.pem ?? '',
        issuer: tokens.issuer,
        audience: tokens.audience,
        accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
        loginMaxAttemptsPerAccount: e.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
        loginMaxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
        loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
        loginWorkPerAddressPerMinute: e.LOGIN_WORK_PER_ADDRESS_PER_MINUTE,
        loginWorkPerMinute: e.LOGIN_WORK_PER_MINUTE,
        deviceCookieKey: deviceCookieKey.secret ?? '',
      },
    },
  };
}
