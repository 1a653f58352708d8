import { generateKeyPairSync } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { AccessTokenService } from '@cirkel/auth';
import { ReadinessChecks } from '@cirkel/runtime';
import { aCaller } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** What every answer of the gateway carries, and what none gives away. No service runs. */
describe('gateway: safe answers', () => {
  let gw: GatewayHarness;
  let token: string;

  beforeAll(async () => {
    gw = await startGateway({ NATS_REQUEST_TIMEOUT_MS: '500' });
    token = (await gw.app.get(AccessTokenService).sign(aCaller())).token;
  });

  afterAll(() => gw?.close());

  const expectSecurityHeaders = (response: LightMyRequestResponse) => {
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  };

  describe('headers', () => {
    it.each([
      ['an answer of the API', () => ({ url: '/api/v1/charters/current' })],
      ['a problem', () => ({ url: '/api/v1/me' })],
      ['an unknown route', () => ({ url: '/api/v1/nothing-here' })],
      ['a health probe', () => ({ url: '/health/live' })],
      ['the OpenAPI UI', () => ({ url: '/api/docs' })],
    ])('puts nosniff, frame denial and a same-origin CSP on %s', async (_, request) => {
      expectSecurityHeaders(await gw.app.inject({ method: 'GET', ...request() }));
    });

    it('sends Cache-Control: no-store on every /api answer, errors included', async () => {
      for (const url of ['/api/v1/me', '/api/v1/organisations?limit=0', '/api/v1/nothing-here', '/api/docs-json']) {
        expect({ url, cacheControl: (await gw.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).headers['cache-control'] }).toEqual({ url, cacheControl: 'no-store' });
      }
    });

    it('sends Strict-Transport-Security only to a request that came over TLS', async () => {
      const plain = await gw.app.inject({ method: 'GET', url: '/api/v1/me' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const proxied = await startGateway({ TRUST_PROXY_HOPS: '1' });
      try {
        const overTls = await proxied.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-forwarded-proto': 'https' } });
        expect(overTls.headers['strict-transport-security']).toMatch(/^max-age=\d{8}/);
      } finally {
        await proxied.close();
      }
    });
  });

  describe('readiness', () => {
    it('answers up or down only; which check failed and why is logged, not sent', async () => {
      const up = await gw.app.inject({ method: 'GET', url: '/health/ready' });
      expect({ status: up.statusCode, body: up.json() }).toEqual({ status: 200, body: { status: 'up' } });
      let fail = false;
      gw.app.get(ReadinessChecks).register('archive', async () => {
        if (fail) throw new Error('connect ECONNREFUSED archive-db-7.internal:5432');
      });
      const logged = captureOutput();
      try {
        fail = true;
        const down = await gw.app.inject({ method: 'GET', url: '/health/ready' });
        expect({ status: down.statusCode, body: down.json() }).toEqual({ status: 503, body: { status: 'down' } });
        expect(down.body).not.toContain('archive');
      } finally {
        fail = false;
        logged.stop();
      }
      expect(logged.text()).toContain('archive (connect ECONNREFUSED archive-db-7.internal:5432)');
    });
  });

  describe('logs', () => {
    it('never writes an invitation token, even when its acceptance fails on our side', async () => {
      const secret = 'inv1tation-t0ken-that-must-stay-secret';
      const logged = captureOutput();
      let response: LightMyRequestResponse;
      try {
        response = await gw.app.inject({ method: 'POST', url: `/api/v1/invitations/${secret}/acceptance`, payload: { name: 'Jef Peeters', password: 'correct horse battery' } });
      } finally {
        logged.stop();
      }
      expectProblem(response, 503, 'service-unavailable');
      expect(logged.text()).toContain('/api/v1/invitations/:token/acceptance');
      expect(logged.text()).not.toContain(secret);
    });
  });

  describe('OpenAPI', () => {
    it.each([
      ['is off with NODE_ENV=production', {}, 404],
      ['is on in production when SWAGGER=true asks for it', { SWAGGER: 'true' }, 200],
    ])('%s', async (_, env, status) => {
      const pair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      const [access, notifications, coaching, passwords] = [pair(), pair(), pair(), pair()];
      const keys = {
        JWT_PUBLIC_KEY: access.publicKey,
        JWT_PRIVATE_KEY: access.privateKey,
        JWT_SERVICE_PUBLIC_KEY_NOTIFICATIONS: notifications.publicKey,
        JWT_SERVICE_PUBLIC_KEY_COACHING: coaching.publicKey,
        PASSWORD_PUBLIC_KEY: passwords.publicKey,
        DEVICE_COOKIE_KEY: 'a device cookie key of this test only, 32+',
      };
      // production needs a NATS account; the machine's development server admits the gateway without checking it
      const production = await startGateway({ NODE_ENV: 'production', NATS_USER: 'gateway', NATS_PASSWORD: 'unchecked', ...keys, ...env });
      try {
        expect((await production.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(status);
        expect((await production.app.inject({ method: 'GET', url: '/api/docs-json' })).statusCode).toBe(status);
      } finally {
        await production.close();
      }
    });
  });
});

/** What the process writes to stdout and stderr (where the logger writes) until `stop`. */
function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(chunk.toString());
      return true;
    }),
  );
  return { text: () => chunks.join(''), stop: () => spies.forEach((spy) => spy.mockRestore()) };
}
