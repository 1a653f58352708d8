import { z } from 'zod';

import { AppName, DEFAULT_PORTS } from '@cirkel/contracts';

/** Public, so that development needs no setup; the gateway refuses it in production. */
const DEVELOPMENT_JWT_SECRET = 'cirkel-development-secret-change-me-in-production';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  /** gateway: trust X-Forwarded-For from this many proxies (an ingress in front), so rate limits see the client's address. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PORT: port.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/cirkel'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Prefix for schemas, streams, subjects and queues, so that test runs do not see each other. */
  CIRKEL_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/, 'lower-case letters and digits, starting with a letter, at most 16')
    .optional(),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEVELOPMENT_JWT_SECRET),
  JWT_ISSUER: z.string().default('cirkel'),
  JWT_AUDIENCE: z.string().default('cirkel-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(60 * 60 * 24 * 30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(10).default(2000),
  CONSUMER_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** json: one JSON object a line (production); text: readable lines (development). Default: json when NODE_ENV=production. */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  SWAGGER: flag.default(true),
  /** partners only: create the demo hub, accounts and organisations at start if they are missing. */
  CIRKEL_SEED_DEMO: flag.default(false),
});

export type Environment = z.input<typeof environmentSchema>;

export interface CirkelConfig {
  service: AppName;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'text';
  http: { host: string; port: number; publicUrl: string; swagger: boolean; trustProxyHops: number };
  database: { url: string; schema: string; poolSize: number };
  nats: { servers: string[]; requestTimeoutMs: number; subjectPrefix: string; streamPrefix: string };
  redis: { url: string; keyPrefix: string };
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
  messaging: { outboxSweepMs: number; maxDeliver: number };
  seedDemo: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the environment once, at boot. A missing or wrong variable throws a
 * ConfigError that names it.
 */
export function loadConfig(service: AppName, env: Record<string, string | undefined> = process.env): CirkelConfig {
  const parsed = environmentSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  if (service === 'gateway' && e.NODE_ENV === 'production' && e.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: set a secret of your own (at least 32 characters); the development default is public']);
  }
  const ns = e.CIRKEL_NAMESPACE;
  return {
    service,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'text'),
    http: { host: e.HOST, port: e.PORT ?? DEFAULT_PORTS[service], publicUrl: e.PUBLIC_URL, swagger: e.SWAGGER, trustProxyHops: e.TRUST_PROXY_HOPS },
    database: { url: e.DATABASE_URL, schema: ns ? `${ns}_${service}` : service, poolSize: e.DATABASE_POOL_SIZE },
    nats: {
      servers: e.NATS_URL.split(',').map((s) => s.trim()),
      requestTimeoutMs: e.NATS_REQUEST_TIMEOUT_MS,
      subjectPrefix: ns ? `${ns}.` : '',
      streamPrefix: ns ? `${ns.toUpperCase()}_` : '',
    },
    redis: { url: e.REDIS_URL, keyPrefix: ns ? `cirkel:${ns}:` : 'cirkel:' },
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
    messaging: { outboxSweepMs: e.OUTBOX_SWEEP_MS, maxDeliver: e.CONSUMER_MAX_DELIVER },
    seedDemo: e.CIRKEL_SEED_DEMO,
  };
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== ''));
}
