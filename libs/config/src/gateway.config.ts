import { z } from 'zod';
import type { CirkelConfig } from './cirkel-config';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Public, so that development needs no setup; refused in production. */
const DEVELOPMENT_JWT_SECRET = 'cirkel-development-secret-change-me-in-production';

/** The settings only the gateway reads: tokens, login limits, proxies, the API documentation. */
export const gatewayEnvironment = z.object({
  /** Trust X-Forwarded-For from this many proxies (an ingress in front), so rate limits see the client's address. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The OpenAPI UI and document at /api/docs; by default on, but off with NODE_ENV=production unless SWAGGER=true. */
  SWAGGER: flag.optional(),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_JWT_SECRET),
  JWT_ISSUER: z.string().default('cirkel'),
  JWT_AUDIENCE: z.string().default('cirkel-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(60 * 60 * 24 * 30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
});

export interface GatewaySettings {
  gateway: { swagger: boolean; trustProxyHops: number };
  auth: {
    jwtSecret: string;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxAttemptsPerAccount: number;
    loginMaxAttemptsPerAddress: number;
    loginWindowSeconds: number;
  };
}

export type GatewayConfig = CirkelConfig & GatewaySettings;

export function gatewaySettings(e: z.output<typeof gatewayEnvironment>, nodeEnv: CirkelConfig['nodeEnv']): { config: GatewaySettings; problems: string[] } {
  const problems =
    nodeEnv === 'production' && e.JWT_SECRET === DEVELOPMENT_JWT_SECRET ? ['JWT_SECRET: set a secret of your own (at least 32 characters); the development default is public'] : [];
  return {
    problems,
    config: {
      gateway: { swagger: e.SWAGGER ?? nodeEnv !== 'production', trustProxyHops: e.TRUST_PROXY_HOPS },
      auth: {
        jwtSecret: e.JWT_SECRET,
        issuer: e.JWT_ISSUER,
        audience: e.JWT_AUDIENCE,
        accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
        loginMaxAttemptsPerAccount: e.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
        loginMaxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
        loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      },
    },
  };
}
