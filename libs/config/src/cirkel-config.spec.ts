import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig, serviceAudienceOf } from './cirkel-config';
import { developmentKey, developmentSecret, secretKey, tokenKey } from './token-keys';

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives each service its own schema and port, and the local servers by default', () => {
    const config = loadConfig('partners', {});
    expect(config.database).toMatchObject({ url: 'postgres://postgres@127.0.0.1:5432/cirkel', schema: 'partners' });
    expect(config.http.port).toBe(3001);
    expect(config.nats).toMatchObject({ servers: ['nats://127.0.0.1:4222'], subjectPrefix: '', streamPrefix: '' });
    expect(config.redis.keyPrefix).toBe('cirkel:');
    expect(config.logFormat).toBe('text');
  });

  it("reads the schema owner's URL for migrations apart from the app's own role", () => {
    expect(loadConfig('partners', {}).database).not.toHaveProperty('migrationUrl');
    const config = loadConfig('partners', { DATABASE_URL: 'postgres://partners:p@db:5432/cirkel', DATABASE_MIGRATION_URL: 'postgres://cirkel_owner:o@db:5432/cirkel' });
    expect(config.database).toMatchObject({ url: 'postgres://partners:p@db:5432/cirkel', migrationUrl: 'postgres://cirkel_owner:o@db:5432/cirkel' });
    expect(problemsOf(() => loadConfig('partners', { DATABASE_MIGRATION_URL: 'mysql://x' }))).toEqual([expect.stringMatching(/^DATABASE_MIGRATION_URL: /)]);
  });

  it('puts everything of a namespace apart: schemas, subjects, streams, Redis keys', () => {
    const config = loadConfig('ideas', { CIRKEL_NAMESPACE: 't1a2b3c4' });
    expect(config.database.schema).toBe('t1a2b3c4_ideas');
    expect(config.nats).toMatchObject({ subjectPrefix: 't1a2b3c4.', streamPrefix: 'T1A2B3C4_' });
    expect(config.redis.keyPrefix).toBe('cirkel:t1a2b3c4:');
  });

  it('reads every server of a NATS cluster, the streams\' replicas and limits, and refuses a malformed server list', () => {
    const config = loadConfig('partners', { NATS_URL: 'nats://nats-0:4222, nats://nats-1:4222,nats://nats-2:4222', NATS_STREAM_REPLICAS: '3', STREAM_MAX_BYTES: '1073741824' });
    expect(config.nats.servers).toEqual(['nats://nats-0:4222', 'nats://nats-1:4222', 'nats://nats-2:4222']);
    expect(config.messaging).toMatchObject({ streamReplicas: 3, streamMaxBytes: 1073741824, streamMaxMsgs: 10_000_000 });
    expect(loadConfig('partners', {}).messaging).toMatchObject({ streamReplicas: 1, streamMaxBytes: -1 });
    expect(problemsOf(() => loadConfig('partners', { NATS_URL: 'nats://a:4222;nats://b:4222' }))).toEqual([expect.stringMatching(/^NATS_URL: /)]);
    expect(problemsOf(() => loadConfig('partners', { NATS_STREAM_REPLICAS: '0' }))).toEqual([expect.stringMatching(/^NATS_STREAM_REPLICAS: /)]);
  });

  it('names every variable that is wrong', () => {
    const problems = problemsOf(() => loadConfig('gateway', { PORT: 'eighty', DATABASE_URL: 'mysql://x', CIRKEL_NAMESPACE: 'Bad-Name' }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['CIRKEL_NAMESPACE', 'DATABASE_URL', 'PORT']);
  });

  it('takes the development key pair in development and test only, and refuses it in production even when given', () => {
    const development = loadConfig('gateway', { NODE_ENV: 'development' });
    expect(development.tokens.publicKey).toBe(developmentKey('public'));
    expect(development.auth.privateKey).toBe(developmentKey('private'));
    const partners = loadConfig('partners', { NODE_ENV: 'test' }).tokens;
    expect(partners).toMatchObject({ issuer: 'cirkel', audience: 'cirkel-api' });
    expect(serviceAudienceOf(partners, 'partners')).toBe('cirkel-api:service:partners');
    expect(problemsOf(() => loadConfig('partners', { NODE_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^JWT_PUBLIC_KEY: required with NODE_ENV=production/),
      expect.stringMatching(/^JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: required with NODE_ENV=production/),
      expect.stringMatching(/^JWT_SERVICE_PUBLIC_KEY_COACHING: required with NODE_ENV=production/),
      expect.stringMatching(/^PASSWORD_PRIVATE_KEY: required with NODE_ENV=production/),
      expect.stringMatching(/^NATS_USER: required with NODE_ENV=production/),
    ]);
    const given = {
      JWT_PUBLIC_KEY: developmentKey('public'),
      JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: developmentKey('public', undefined, 'service-token-notifications'),
      JWT_SERVICE_PUBLIC_KEY_COACHING: developmentKey('public', undefined, 'service-token-coaching'),
      PASSWORD_PRIVATE_KEY: developmentKey('private', undefined, 'password'),
      NATS_USER: 'partners',
      NATS_PASSWORD: 'p',
    };
    expect(problemsOf(() => loadConfig('partners', { NODE_ENV: 'production', ...given }))).toEqual([
      expect.stringMatching(/^JWT_PUBLIC_KEY: the development key pair is public/),
      expect.stringMatching(/^JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: the development key pair is public/),
      expect.stringMatching(/^JWT_SERVICE_PUBLIC_KEY_COACHING: the development key pair is public/),
      expect.stringMatching(/^PASSWORD_PRIVATE_KEY: the development key pair is public/),
    ]);
    // the pair that seals passwords: its public half for the gateway, its private half for partners alone
    expect(development.passwords).toEqual({ publicKey: developmentKey('public', undefined, 'password') });
    expect(loadConfig('partners', { NODE_ENV: 'test' }).passwords).toEqual({ privateKey: developmentKey('private', undefined, 'password') });
    expect(loadConfig('ideas', { NODE_ENV: 'test' }).passwords).toEqual({});
    expect(problemsOf(() => loadConfig('gateway', { NODE_ENV: 'production', ...given, JWT_PRIVATE_KEY: developmentKey('private'), PASSWORD_PUBLIC_KEY: developmentKey('public', undefined, 'password') }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PASSWORD_PUBLIC_KEY: the development key pair is public/)]),
    );
    // only the apps that ask on their own account read a private key of their own, each its own pair; every app reads all their public keys
    expect(loadConfig('notifications', { NODE_ENV: 'test' }).tokens.servicePrivateKey).toBe(developmentKey('private', undefined, 'service-token-notifications'));
    expect(loadConfig('coaching', { NODE_ENV: 'test' }).tokens.servicePrivateKey).toBe(developmentKey('private', undefined, 'service-token-coaching'));
    expect(developmentKey('private', undefined, 'service-token-coaching')).not.toBe(developmentKey('private', undefined, 'service-token-notifications'));
    expect(loadConfig('partners', { NODE_ENV: 'test' }).tokens.servicePublicKeys).toEqual({
      notifications: developmentKey('public', undefined, 'service-token-notifications'),
      coaching: developmentKey('public', undefined, 'service-token-coaching'),
    });
    expect(loadConfig('partners', { NODE_ENV: 'test' }).tokens.servicePrivateKey).toBeUndefined();
  });

  it('reads a key pair of its own in production (a PEM with \\n escapes too), and names a key that is not one', () => {
    const pair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const { publicKey, privateKey } = pair();
    const services = pair();
    const coaching = pair();
    const passwords = pair();
    const env = {
      NODE_ENV: 'production',
      NATS_USER: 'app',
      NATS_PASSWORD: 'p',
      JWT_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
      JWT_PRIVATE_KEY: privateKey,
      JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: services.publicKey,
      JWT_SERVICE_PUBLIC_KEY_COACHING: coaching.publicKey,
      JWT_SERVICE_PRIVATE_KEY: services.privateKey,
      PASSWORD_PUBLIC_KEY: passwords.publicKey,
      PASSWORD_PRIVATE_KEY: passwords.privateKey,
      NOTIFICATIONS_UNSUBSCRIBE_SECRET: 'u'.repeat(32),
      DEVICE_COOKIE_KEY: 'd'.repeat(32),
    };
    expect(loadConfig('notifications', env).tokens).toMatchObject({ servicePublicKeys: { notifications: services.publicKey, coaching: coaching.publicKey }, servicePrivateKey: services.privateKey });
    expect(problemsOf(() => loadConfig('notifications', { ...env, JWT_SERVICE_PRIVATE_KEY: privateKey }))).toEqual([expect.stringMatching(/^JWT_SERVICE_PRIVATE_KEY: not the private half of JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS/)]);
    // coaching's own private key is checked against its own public key, not notifications'
    expect(loadConfig('coaching', { ...env, JWT_SERVICE_PRIVATE_KEY: coaching.privateKey }).tokens.servicePrivateKey).toBe(coaching.privateKey);
    expect(problemsOf(() => loadConfig('coaching', env))).toEqual([expect.stringMatching(/^JWT_SERVICE_PRIVATE_KEY: not the private half of JWT_SERVICE_PUBLIC_KEY_COACHING/)]);
    // the one key all services shared before is refused, naming what to set instead
    expect(problemsOf(() => loadConfig('partners', { ...env, JWT_SERVICE_PUBLIC_KEY: services.publicKey }))).toEqual([
      expect.stringMatching(/^JWT_SERVICE_PUBLIC_KEY: replaced by one key pair per service .*JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS, JWT_SERVICE_PUBLIC_KEY_COACHING/),
    ]);
    expect(loadConfig('gateway', env)).toMatchObject({ tokens: { publicKey }, auth: { privateKey } });
    expect(loadConfig('partners', env).logFormat).toBe('json');
    expect(problemsOf(() => loadConfig('gateway', { ...env, JWT_PRIVATE_KEY: undefined }))).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: required/)]);
    expect(problemsOf(() => loadConfig('gateway', { ...env, JWT_PRIVATE_KEY: developmentKey('private') }))).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: the development key pair is public/)]);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problemsOf(() => loadConfig('gateway', { ...env, JWT_PRIVATE_KEY: other }))).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: not the private half of JWT_PUBLIC_KEY/)]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemsOf(() => loadConfig('partners', { ...env, JWT_PUBLIC_KEY: rsa }))).toEqual(['JWT_PUBLIC_KEY: not a P-256 (ES256) public key']);
    expect(problemsOf(() => loadConfig('partners', { ...env, JWT_PUBLIC_KEY: 'secret' }))).toEqual(['JWT_PUBLIC_KEY: not a PEM public key']);
  });

  it("reads the app's own NATS account and TLS files, needs an account in production, and names what is half given", () => {
    const given = {
      JWT_PUBLIC_KEY: developmentKey('public'),
      JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: developmentKey('public', undefined, 'service-token-notifications'),
      JWT_SERVICE_PUBLIC_KEY_COACHING: developmentKey('public', undefined, 'service-token-coaching'),
    };
    expect(loadConfig('partners', {}).nats).not.toHaveProperty('auth');
    expect(loadConfig('partners', {}).nats).not.toHaveProperty('tls');
    expect(loadConfig('partners', { NATS_USER: 'partners', NATS_PASSWORD: 's3cret' }).nats.auth).toEqual({ user: 'partners', password: 's3cret' });
    expect(loadConfig('partners', { NATS_CREDS: '/run/secrets/partners.creds' }).nats.auth).toEqual({ credsFile: '/run/secrets/partners.creds' });
    expect(loadConfig('partners', { NATS_TLS_CA_FILE: '/ca.pem' }).nats.tls).toEqual({ caFile: '/ca.pem' });
    expect(loadConfig('partners', { NATS_URL: 'tls://nats:4222' }).nats.tls).toEqual({});
    expect(problemsOf(() => loadConfig('partners', { NATS_USER: 'partners' }))).toEqual([expect.stringMatching(/^NATS_PASSWORD: NATS_USER and NATS_PASSWORD go together/)]);
    expect(problemsOf(() => loadConfig('partners', { NATS_CREDS: '/c', NATS_USER: 'u', NATS_PASSWORD: 'p' }))).toEqual([expect.stringMatching(/^NATS_CREDS: give a credentials file or/)]);
    expect(problemsOf(() => loadConfig('partners', { ...given, NODE_ENV: 'production', NATS_USER: 'partners', NATS_PASSWORD: 'cirkel-development-only-partners' }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NATS_PASSWORD: the development password of `npm start` is public/)]),
    );
    expect(problemsOf(() => loadConfig('partners', { NATS_TLS_CERT_FILE: '/cert.pem' }))).toEqual([expect.stringMatching(/^NATS_TLS_KEY_FILE: the certificate and its key go together/)]);
  });

  it("takes the login device cookies' development secret in development and test only; production needs its own", () => {
    const secret = developmentSecret('device-cookie');
    expect(secret).toMatch(/^\S{32,}$/);
    expect(loadConfig('gateway', { NODE_ENV: 'test' }).auth.deviceCookieKey).toBe(secret);
    expect(loadConfig('gateway', { DEVICE_COOKIE_KEY: 'k'.repeat(40) }).auth.deviceCookieKey).toBe('k'.repeat(40));
    expect(problemsOf(() => loadConfig('gateway', { DEVICE_COOKIE_KEY: 'short' }))).toEqual(['DEVICE_COOKIE_KEY: at least 32 characters']);
    expect(secretKey('DEVICE_COOKIE_KEY', undefined, 'production').problem).toMatch(/^DEVICE_COOKIE_KEY: required with NODE_ENV=production/);
    expect(secretKey('DEVICE_COOKIE_KEY', secret, 'production').problem).toMatch(/^DEVICE_COOKIE_KEY: the development secret is public/);
    expect(secretKey('DEVICE_COOKIE_KEY', 'k'.repeat(40), 'production')).toEqual({ secret: 'k'.repeat(40) });
    // outside a checkout (a container) there is no development secret, whatever NODE_ENV says
    expect(developmentSecret('device-cookie', '/')).toBeUndefined();
    expect(secretKey('DEVICE_COOKIE_KEY', undefined, 'development', '/').problem).toMatch(/^DEVICE_COOKIE_KEY: not set, and this is not a checkout/);
  });

  it('outside a checkout (a container) without keys, refuses to start whatever NODE_ENV says', () => {
    expect(developmentKey('public', '/')).toBeUndefined();
    expect(tokenKey('JWT_PUBLIC_KEY', undefined, 'public', 'development', '/').problem).toMatch(/^JWT_PUBLIC_KEY: not set, and this is not a checkout/);
    expect(tokenKey('JWT_PUBLIC_KEY', undefined, 'public', 'development').problem).toBeUndefined();
  });

  it('parses only the settings of the app it loads: partners ignores the gateway\'s login limits, the gateway refuses them', () => {
    const env = { LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: 'many', SWAGGER: 'perhaps' };
    expect(loadConfig('partners', env)).not.toHaveProperty('auth');
    expect(problemsOf(() => loadConfig('gateway', env)).map((p) => p.split(':')[0]).sort()).toEqual(['LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', 'SWAGGER']);
    expect(loadConfig('gateway', {}).auth.loginMaxAttemptsPerAccount).toBe(5);
  });
});

describe('coaching settings', () => {
  it('reads the proposal timeout (three days by default) for coaching only', () => {
    expect(loadConfig('coaching', {}).coaching.proposalTimeoutMs).toBe(72 * 3_600_000);
    expect(loadConfig('coaching', { COACHING_PROPOSAL_TIMEOUT_HOURS: '0.5' }).coaching.proposalTimeoutMs).toBe(1_800_000);
    expect(() => loadConfig('coaching', { COACHING_PROPOSAL_TIMEOUT_HOURS: 'soon' })).toThrow(/COACHING_PROPOSAL_TIMEOUT_HOURS/);
    expect(loadConfig('ideas', { COACHING_PROPOSAL_TIMEOUT_HOURS: 'soon' })).not.toHaveProperty('coaching');
  });
});

describe('reporting settings', () => {
  it('reads the reference key for reporting only, and refuses the public development key in production', () => {
    expect(loadConfig('reporting', { REPORTING_REFERENCE_KEY: 'k'.repeat(32) }).reporting.referenceKey).toBe('k'.repeat(32));
    expect(loadConfig('reporting', { REPORTING_REFERENCE_KEY: 'k'.repeat(32), REPORTING_REFERENCE_PREVIOUS_KEYS: `${'a'.repeat(32)}, ${'b'.repeat(32)}` }).reporting.referenceKeys).toEqual(['a'.repeat(32), 'b'.repeat(32), 'k'.repeat(32)]);
    expect(() => loadConfig('reporting', { REPORTING_REFERENCE_KEY: 'k'.repeat(32), REPORTING_REFERENCE_PREVIOUS_KEYS: 'short' })).toThrow(/REPORTING_REFERENCE_PREVIOUS_KEYS/);
    expect(() => loadConfig('reporting', { REPORTING_REFERENCE_KEY: 'k'.repeat(32), REPORTING_REFERENCE_PREVIOUS_KEYS: 'k'.repeat(32) })).toThrow(/REPORTING_REFERENCE_PREVIOUS_KEYS/);
    expect(() => loadConfig('reporting', { REPORTING_REFERENCE_KEY: 'short' })).toThrow(/REPORTING_REFERENCE_KEY/);
    expect(() => loadConfig('reporting', { NODE_ENV: 'production' })).toThrow(/REPORTING_REFERENCE_KEY/);
    expect(loadConfig('ideas', { REPORTING_REFERENCE_KEY: 'short' })).not.toHaveProperty('reporting');
  });
});
