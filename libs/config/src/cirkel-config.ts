import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { AppName, DEFAULT_PORTS } from '@cirkel/contracts';
import { CoachingConfig, coachingEnvironment, coachingSettings } from './coaching.config';
import { GatewayConfig, gatewayEnvironment, gatewaySettings } from './gateway.config';
import { NotificationsConfig, notificationsEnvironment, notificationsSettings } from './notifications.config';
import { ReportingConfig, reportingEnvironment, reportingSettings } from './reporting.config';
import { keyFingerprint, tokenKey } from './token-keys';


const port = z.coerce.number().int().min(0).max(65535);

/** What every app reads. An app's own settings are a part of their own (the gateway's: gateway.config.ts). */
const baseEnvironment = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/cirkel'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * `off` sends each transaction's `START TRANSACTION` on its own, as TypeORM does; by default it goes
   * with the transaction's first statement, one round trip fewer (BeginWithFirstStatementClient). For
   * measuring the difference, and a way back should a driver upgrade break pipelining.
   */
  DATABASE_START_WITH_FIRST_STATEMENT: z.enum(['on', 'off']).default('on'),
  /**
   * The owner of the app's schema, for its migrations only (docs/security.md): with it, the app runs
   * as DATABASE_URL's role, which gets the use of its own schema's tables and nothing else (no DDL,
   * no other schema). Without it the one role of DATABASE_URL migrates and runs, as in development.
   */
  DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Every server of the NATS cluster, comma-separated: a client that loses one connects to another. */
  NATS_URL: z
    .string()
    .min(1)
    .refine((v) => v.split(',').every((server) => /^((nats|tls|wss?):\/\/([^\s,/@]+@)?)?[\w.-]+(:\d+)?$/.test(server.trim())), 'nats://host:port[,nats://host:port…]')
    .default('nats://127.0.0.1:4222'),
  /**
   * The app's own NATS account (docs/security.md): a user and password, or a credentials file
   * (`NATS_CREDS`: a JWT and NKEY seed). Required with NODE_ENV=production, where the server admits
   * no one without one and gives each app's user only its own subjects (deploy/nats/auth.conf).
   */
  NATS_USER: z.string().regex(/^[\w-]+$/, 'letters, digits, - and _').optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_CREDS: z.string().optional(),
  /** TLS to NATS: the CA that signed the servers' certificates, and (when the server asks for one) the app's own certificate and key, as files. */
  NATS_TLS_CA_FILE: z.string().optional(),
  NATS_TLS_CERT_FILE: z.string().optional(),
  NATS_TLS_KEY_FILE: z.string().optional(),
  NATS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * How long an answer is still awaited after the request timed out (the caller got a 503): an
   * Idempotency-Key waits for it, so a retry never runs the command twice. Never shorter than the timeout.
   */
  NATS_REQUEST_LATE_ANSWER_MS: z.coerce.number().int().min(100).default(60_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Prefix for schemas, streams, subjects and queues, so that test runs do not see each other. */
  CIRKEL_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/, 'lower-case letters and digits, starting with a letter, at most 16')
    .optional(),
  /** Where people reach the web app: links in invitations and e-mails. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(10).default(2000),
  CONSUMER_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * On SIGTERM an app lets its active jobs finish for at most this long, then the event batch and the
   * requests in hand for at most this long again, then closes anyway (what it had not committed is
   * delivered again to another replica): an orchestrator's grace period must cover both (deploy/k8s: 70 s).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** How long a stream keeps events (days); each consumer's inbox keeps their ids 8 days longer (`inboxRetentionDays`), so a redelivery, replay or republished copy is always recognised. */
  STREAM_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How many NATS servers keep each stream: 1 on one server, 3 in a cluster of three (survives the loss of one). */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * What a stream may hold (-1: no limit). A full stream refuses new events (the outbox keeps them
   * until there is room), never drops old ones. Bytes are reserved on every server that keeps the
   * stream, so they must fit its JetStream store (max_file_store) for all five streams together.
   */
  STREAM_MAX_BYTES: z.coerce.number().int().min(-1).default(-1),
  STREAM_MAX_MSGS: z.coerce.number().int().min(-1).default(10_000_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** json: one JSON object a line (production); text: readable lines (development). Default: json when NODE_ENV=production. */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  /**
   * The PEM public key (ES256, P-256) every app verifies access and request tokens with; the
   * gateway signs with its private half (`JWT_PRIVATE_KEY`). In development and test, when unset,
   * the checkout's public development pair (.config/dev-keys); refused with NODE_ENV=production.
   */
  JWT_PUBLIC_KEY: z.string().optional(),
  /**
   * The PEM public keys (ES256, P-256) of the services that ask others on their own account, one
   * pair per such service (SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT): every app verifies with
   * `JWT_SERVICE_PUBLIC_KEY_<APP>` a request that app sends on its own account, signed with its own
   * private half (`JWT_SERVICE_PRIVATE_KEY`, which only that app holds). So a token says which
   * service signed it, and each contract names the services that may ask it (docs/security.md).
   * Such a token names a service, never a person. Development pairs and production refusal as above.
   */
  JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: z.string().optional(),
  JWT_SERVICE_PUBLIC_KEY_COACHING: z.string().optional(),
  JWT_SERVICE_PRIVATE_KEY: z.string().optional(),
  /** The one public key all such services shared before: refused, so that an old deployment says what to set instead. */
  JWT_SERVICE_PUBLIC_KEY: z.string().optional(),
  /**
   * The PEM key pair (P-256) that seals passwords on the bus (docs/security.md): the gateway encrypts
   * every password of a request to the public key (`PASSWORD_PUBLIC_KEY`, read by the apps in
   * SEALS_PASSWORDS), partners alone decrypts with the private key (`PASSWORD_PRIVATE_KEY`, read by
   * the apps in OPENS_PASSWORDS). Development pair and production refusal as above.
   */
  PASSWORD_PUBLIC_KEY: z.string().optional(),
  PASSWORD_PRIVATE_KEY: z.string().optional(),
  JWT_ISSUER: z.string().default('cirkel'),
  JWT_AUDIENCE: z.string().default('cirkel-api'),
});

export type Environment = z.input<typeof baseEnvironment> & Partial<z.input<typeof gatewayEnvironment>> & Partial<z.input<typeof coachingEnvironment>> & Partial<z.input<typeof reportingEnvironment>> & Partial<z.input<typeof notificationsEnvironment>>;

/** What every app knows of its environment, typed. */
export interface CirkelConfig {
  service: AppName;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'text';
  http: { host: string; port: number; publicUrl: string };
  /** `migrationUrl`: the schema owner's, for migrations; the app then runs as `url`'s role, granted only its schema's tables. */
  database: { url: string; schema: string; poolSize: number; startWithFirstStatement: boolean; migrationUrl?: string };
  nats: {
    servers: string[];
    requestTimeoutMs: number;
    lateAnswerMs: number;
    subjectPrefix: string;
    streamPrefix: string;
    /** Who the app is to the NATS server; none on a development server without accounts. */
    auth?: { user: string; password: string } | { credsFile: string };
    /** Files of the TLS connection; `{}` when only the scheme (`tls://`) asks for TLS with the system's CAs. */
    tls?: { caFile?: string; certFile?: string; keyFile?: string };
  };
  redis: { url: string; keyPrefix: string };
  /**
   * How tokens are verified: the public key (PEM), the issuer, and the audience of the access tokens
   * people hold (HTTP and requests). A service token is of the audience of the one app it is for
   * (`serviceAudienceOf`), never this one.
   */
  tokens: {
    publicKey: string;
    /**
     * The public key of each service that asks others on its own account (SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT),
     * and (in such an app) the private half of its own.
     */
    servicePublicKeys: Partial<Record<AppName, string>>;
    servicePrivateKey?: string;
    issuer: string;
    audience: string;
  };
  /**
   * The keys that seal passwords on the bus (PEM): the public one in an app that sends passwords
   * (the gateway), the private one in the app that reads them (partners); neither elsewhere.
   */
  passwords: { publicKey?: string; privateKey?: string };
  messaging: { outboxSweepMs: number; maxDeliver: number; shutdownDrainMs: number; streamMaxAgeDays: number; streamReplicas: number; streamMaxBytes: number; streamMaxMsgs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates the environment once, at boot: the variables every app reads, and those of
 * the app's own part (only the gateway has one so far). A missing or wrong variable throws a
 * ConfigError that names it; an app never parses another app's settings.
 */
export function loadConfig(service: 'gateway', env?: Record<string, string | undefined>): GatewayConfig;
export function loadConfig(service: 'coaching', env?: Record<string, string | undefined>): CoachingConfig;
export function loadConfig(service: 'reporting', env?: Record<string, string | undefined>): ReportingConfig;
export function loadConfig(service: 'notifications', env?: Record<string, string | undefined>): NotificationsConfig;
export function loadConfig(service: AppName, env?: Record<string, string | undefined>): CirkelConfig;
export function loadConfig(service: AppName, env: Record<string, string | undefined> = process.env): CirkelConfig {
  const present = stripEmpty(env);
  const base = baseEnvironment.safeParse(present);
  if (service === 'coaching') {
    const coaching = coachingEnvironment.safeParse(present);
    const problems = [...issuesOf(base), ...issuesOf(coaching)];
    if (problems.length > 0 || !base.success || !coaching.success) throw new ConfigError(problems);
    return { ...baseConfig(service, base.data), ...coachingSettings(coaching.data) } satisfies CoachingConfig;
  }
  if (service === 'reporting') {
    const reporting = reportingEnvironment.safeParse(present);
    const problems = [...issuesOf(base), ...issuesOf(reporting)];
    if (problems.length > 0 || !base.success || !reporting.success) throw new ConfigError(problems);
    const settings = reportingSettings(reporting.data, base.data.NODE_ENV);
    if (settings.problems.length > 0) throw new ConfigError(settings.problems);
    return { ...baseConfig(service, base.data), ...settings.config } satisfies ReportingConfig;
  }
  if (service === 'notifications') {
    const notifications = notificationsEnvironment.safeParse(present);
    const problems = [...issuesOf(base), ...issuesOf(notifications)];
    if (problems.length > 0 || !base.success || !notifications.success) throw new ConfigError(problems);
    const settings = notificationsSettings(notifications.data, base.data.NODE_ENV);
    if (settings.problems.length > 0) throw new ConfigError(settings.problems);
    return { ...baseConfig(service, base.data), ...settings.config } satisfies NotificationsConfig;
  }
  const own = service === 'gateway' ? gatewayEnvironment.safeParse(present) : null;
  const problems = [...issuesOf(base), ...(own ? issuesOf(own) : [])];
  if (problems.length > 0 || !base.success) throw new ConfigError(problems);
  const config = baseConfig(service, base.data);
  if (!own?.success) return config;
  const settings = gatewaySettings(own.data, config);
  if (settings.problems.length > 0) throw new ConfigError(settings.problems);
  return { ...config, ...settings.config } satisfies GatewayConfig;
}

/**
 * The audience of a service token for `app` (`<JWT_AUDIENCE>:service:<app>`, e.g. `cirkel-api:service:partners`):
 * only the app a token is minted for takes it, no other app, nor HTTP (docs/security.md).
 */
export function serviceAudienceOf(tokens: Pick<CirkelConfig['tokens'], 'audience'>, app: string): string {
  return `${tokens.audience}:service:${app}`;
}

/**
 * The apps that send requests on their own account (no person asks), the gateway aside (it signs
 * with its own key): each signs them with a key pair of its own (`JWT_SERVICE_PRIVATE_KEY`, its
 * public half `JWT_SERVICE_PUBLIC_KEY_<APP>` to every app), and each contract names which of them
 * may ask it. A new one needs its variable in `baseEnvironment` and a development pair.
 */
export const SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT: readonly AppName[] = ['notifications', 'coaching'];

/** The apps that send passwords in requests: they seal each with `PASSWORD_PUBLIC_KEY`. */
export const SEALS_PASSWORDS: readonly AppName[] = ['gateway'];
/** The apps whose requests carry passwords: only they hold `PASSWORD_PRIVATE_KEY`. */
export const OPENS_PASSWORDS: readonly AppName[] = ['partners'];

/** The password-sealing key an app reads (none for most apps); a missing or refused one is a problem naming its variable. */
function passwordKeys(service: AppName, e: z.output<typeof baseEnvironment>): { keys: CirkelConfig['passwords']; problems: string[] } {
  const cwd = process.cwd();
  const publicKey = SEALS_PASSWORDS.includes(service) ? tokenKey('PASSWORD_PUBLIC_KEY', e.PASSWORD_PUBLIC_KEY, 'public', e.NODE_ENV, cwd, 'password') : {};
  const privateKey = OPENS_PASSWORDS.includes(service) ? tokenKey('PASSWORD_PRIVATE_KEY', e.PASSWORD_PRIVATE_KEY, 'private', e.NODE_ENV, cwd, 'password') : {};
  return {
    keys: { ...(publicKey.pem ? { publicKey: publicKey.pem } : {}), ...(privateKey.pem ? { privateKey: privateKey.pem } : {}) },
    problems: [publicKey.problem, privateKey.problem].filter((p): p is string => p !== undefined),
  };
}

/** The variable of the public key of a service's own tokens: `JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS`. */
export function servicePublicKeyVariable(service: AppName): string {
  return `JWT_SERVICE_PUBLIC_KEY_${service.toUpperCase()}`;
}

/** The token keys an app reads; a key that is missing or refused stops the app with a ConfigError that names its variable. */
function tokenKeys(service: AppName, e: z.output<typeof baseEnvironment>): Pick<CirkelConfig['tokens'], 'publicKey' | 'servicePublicKeys' | 'servicePrivateKey'> {
  const cwd = process.cwd();
  const variables = e as unknown as Record<string, string | undefined>;
  const publicKey = tokenKey('JWT_PUBLIC_KEY', e.JWT_PUBLIC_KEY, 'public', e.NODE_ENV, cwd);
  const servicePublicKeys = SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.map((asking) => {
    const variable = servicePublicKeyVariable(asking);
    return { asking, variable, ...tokenKey(variable, variables[variable], 'public', e.NODE_ENV, cwd, `service-token-${asking}`) };
  });
  const asks = SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.includes(service);
  const servicePrivateKey = asks ? tokenKey('JWT_SERVICE_PRIVATE_KEY', e.JWT_SERVICE_PRIVATE_KEY, 'private', e.NODE_ENV, cwd, `service-token-${service}`) : {};
  const problems = [publicKey.problem, ...servicePublicKeys.map((k) => k.problem), servicePrivateKey.problem].filter((p): p is string => p !== undefined);
  if (e.JWT_SERVICE_PUBLIC_KEY !== undefined) {
    problems.push(`JWT_SERVICE_PUBLIC_KEY: replaced by one key pair per service that asks on its own account: set ${SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.map(servicePublicKeyVariable).join(', ')} instead (deploy/make-keys.sh)`);
  }
  const own = servicePublicKeys.find((k) => k.asking === service);
  if (servicePrivateKey.pem && own?.pem && keyFingerprint(createPrivateKey(servicePrivateKey.pem)) !== keyFingerprint(createPublicKey(own.pem))) {
    problems.push(`JWT_SERVICE_PRIVATE_KEY: not the private half of ${own.variable} (the services could not verify what this one signs)`);
  }
  if (problems.length > 0 || publicKey.pem === undefined) throw new ConfigError(problems);
  return {
    publicKey: publicKey.pem,
    servicePublicKeys: Object.fromEntries(servicePublicKeys.map((k) => [k.asking, k.pem as string])),
    ...(servicePrivateKey.pem ? { servicePrivateKey: servicePrivateKey.pem } : {}),
  };
}

/** The app's NATS account and TLS files; a half-given account or TLS pair, or none in production, stops the app naming the variables. */
function natsAccess(e: z.output<typeof baseEnvironment>): { access: Pick<CirkelConfig['nats'], 'auth' | 'tls'>; problems: string[] } {
  const problems: string[] = [];
  if (e.NATS_CREDS && (e.NATS_USER || e.NATS_PASSWORD)) problems.push('NATS_CREDS: give a credentials file or NATS_USER and NATS_PASSWORD, not both');
  if (Boolean(e.NATS_USER) !== Boolean(e.NATS_PASSWORD)) problems.push(`${e.NATS_USER ? 'NATS_PASSWORD' : 'NATS_USER'}: NATS_USER and NATS_PASSWORD go together`);
  if (e.NODE_ENV === 'production' && !e.NATS_CREDS && !e.NATS_USER && !e.NATS_PASSWORD) {
    problems.push("NATS_USER: required with NODE_ENV=production (with NATS_PASSWORD, or NATS_CREDS): the app's own NATS account, deploy/nats/auth.conf");
  }
  if (e.NODE_ENV === 'production' && e.NATS_PASSWORD?.startsWith('cirkel-development-only')) problems.push('NATS_PASSWORD: the development password of `npm start` is public; give the app its own (deploy/make-keys.sh)');
  if (Boolean(e.NATS_TLS_CERT_FILE) !== Boolean(e.NATS_TLS_KEY_FILE)) problems.push(`${e.NATS_TLS_CERT_FILE ? 'NATS_TLS_KEY_FILE' : 'NATS_TLS_CERT_FILE'}: the certificate and its key go together`);
  const auth = e.NATS_CREDS ? { credsFile: e.NATS_CREDS } : e.NATS_USER && e.NATS_PASSWORD ? { user: e.NATS_USER, password: e.NATS_PASSWORD } : undefined;
  const files = { caFile: e.NATS_TLS_CA_FILE, certFile: e.NATS_TLS_CERT_FILE, keyFile: e.NATS_TLS_KEY_FILE };
  const tlsWanted = Object.values(files).some(Boolean) || e.NATS_URL.split(',').some((server) => server.trim().startsWith('tls://'));
  const tls = tlsWanted ? (Object.fromEntries(Object.entries(files).filter(([, file]) => file)) as NonNullable<CirkelConfig['nats']['tls']>) : undefined;
  return { access: { ...(auth ? { auth } : {}), ...(tls ? { tls } : {}) }, problems };
}

function baseConfig(service: AppName, e: z.output<typeof baseEnvironment>): CirkelConfig {
  const ns = e.CIRKEL_NAMESPACE;
  const nats = natsAccess(e);
  const passwords = passwordKeys(service, e);
  let tokens: ReturnType<typeof tokenKeys>;
  try {
    tokens = tokenKeys(service, e);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...error.problems, ...passwords.problems, ...nats.problems]);
    throw error;
  }
  if (passwords.problems.length > 0 || nats.problems.length > 0) throw new ConfigError([...passwords.problems, ...nats.problems]);
  return {
    service,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'text'),
    http: { host: e.HOST, port: e.PORT ?? DEFAULT_PORTS[service], publicUrl: e.PUBLIC_URL },
    database: { url: e.DATABASE_URL, schema: ns ? `${ns}_${service}` : service, poolSize: e.DATABASE_POOL_SIZE, startWithFirstStatement: e.DATABASE_START_WITH_FIRST_STATEMENT === 'on', ...(e.DATABASE_MIGRATION_URL ? { migrationUrl: e.DATABASE_MIGRATION_URL } : {}) },
    nats: {
      servers: e.NATS_URL.split(',').map((s) => s.trim()),
      requestTimeoutMs: e.NATS_REQUEST_TIMEOUT_MS,
      lateAnswerMs: Math.max(e.NATS_REQUEST_LATE_ANSWER_MS, e.NATS_REQUEST_TIMEOUT_MS),
      subjectPrefix: ns ? `${ns}.` : '',
      streamPrefix: ns ? `${ns.toUpperCase()}_` : '',
      ...nats.access,
    },
    redis: { url: e.REDIS_URL, keyPrefix: ns ? `cirkel:${ns}:` : 'cirkel:' },
    tokens: { ...tokens, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    passwords: passwords.keys,
    messaging: {
      outboxSweepMs: e.OUTBOX_SWEEP_MS,
      maxDeliver: e.CONSUMER_MAX_DELIVER,
      shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
      streamMaxAgeDays: e.STREAM_MAX_AGE_DAYS,
      streamReplicas: e.NATS_STREAM_REPLICAS,
      streamMaxBytes: e.STREAM_MAX_BYTES,
      streamMaxMsgs: e.STREAM_MAX_MSGS,
    },
  };
}

function issuesOf(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`) ?? [];
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== ''));
}
