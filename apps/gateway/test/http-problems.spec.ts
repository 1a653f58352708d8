import { JwtService } from '@nestjs/jwt';
import { AccessTokenService, claimsOf } from '@cirkel/auth';
import { aCaller } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** The gateway's own answers: validation, authentication, HTTP errors, health and OpenAPI. No service runs. */
describe('gateway: problems, tokens, health and OpenAPI', () => {
  let gw: GatewayHarness;
  let memberToken: string;

  beforeAll(async () => {
    gw = await startGateway();
    memberToken = (await gw.app.get(AccessTokenService).sign(aCaller())).token;
  });

  afterAll(() => gw?.close());

  const registration = {
    hub: 'genk',
    organisation: { name: 'Kringwinkel Limburg', type: 'social', workDomains: ['care'] },
    person: { name: 'An Verhoeven', email: 'an@kringwinkel.test', password: 'correct horse battery', language: 'nl' },
  };

  describe('input', () => {
    it('refuses an unknown field with 400 validation-failed naming it', async () => {
      const response = await gw.app.inject({ method: 'POST', url: '/api/v1/registrations', payload: { ...registration, admin: true } });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors).toEqual([{ field: 'admin', message: 'unknown field' }]);
    });

    it('names nested fields that are unknown, missing or wrong', async () => {
      const response = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        payload: { ...registration, organisation: { ...registration.organisation, type: 'bank', enterpriseNumber: '0123.456.789', colour: 'red' } },
      });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          { field: 'organisation.type', message: expect.any(String) },
          { field: 'organisation.enterpriseNumber', message: expect.stringContaining('enterprise number') },
          { field: 'organisation.colour', message: 'unknown field' },
        ]),
      );
    });

    it('answers malformed JSON with 400 malformed-request', async () => {
      const response = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "an@kringwinkel.test",',
      });
      expectProblem(response, 400, 'malformed-request');
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      expectProblem(response, 415, 'unsupported-media-type');
    });

    it('answers a body over the limit with 413', async () => {
      const response = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@b.be', password: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expectProblem(response, 413, 'payload-too-large');
    });

    it('answers a path parameter that is not a UUID with 400 naming it, not a 500', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/organisations/not-a-uuid', headers: { authorization: `Bearer ${memberToken}` } });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    });

    it('refuses unknown and out-of-range query parameters', async () => {
      const response = await gw.app.inject({
        method: 'GET',
        url: '/api/v1/organisations?limit=1000&colour=red',
        headers: { authorization: `Bearer ${memberToken}` },
      });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          { field: 'limit', message: expect.any(String) },
          { field: 'colour', message: 'unknown field' },
        ]),
      );
    });

    it('asks an anonymous caller of the current charter to name the hub', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/charters/current' });
      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem.errors).toEqual([{ field: 'hub', message: expect.any(String) }]);
    });

    it('answers an unknown route with 404 not-found', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expectProblem(response, 404, 'not-found');
    });
  });

  describe('access tokens', () => {
    const url = '/api/v1/me';

    it('answers a request without a token with 401 and WWW-Authenticate', async () => {
      const response = await gw.app.inject({ method: 'GET', url });
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('refuses a token signed with another secret', async () => {
      const jwt = new JwtService();
      const { issuer, audience } = gw.config.auth;
      const token = jwt.sign(claimsOf(aCaller()), { secret: 'not-the-gateway-secret-but-long-enough!!', algorithm: 'HS256', issuer, audience, expiresIn: 60 });
      expectProblem(await gw.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }), 401, 'access-token-invalid');
    });

    it("refuses an unsigned token (alg 'none')", async () => {
      const { issuer, audience } = gw.config.auth;
      const now = Math.floor(Date.now() / 1000);
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claimsOf(aCaller()), iss: issuer, aud: audience, iat: now, exp: now + 60 })}.`;
      expectProblem(await gw.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }), 401, 'access-token-invalid');
    });

    it('refuses an expired token as expired', async () => {
      const { privateKey, issuer, audience } = gw.config.auth;
      const now = Math.floor(Date.now() / 1000);
      const token = new JwtService().sign({ ...claimsOf(aCaller()), iat: now - 100, exp: now - 10 }, { privateKey, algorithm: 'ES256', issuer, audience });
      expectProblem(await gw.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }), 401, 'access-token-expired');
    });

    it('refuses a hub-admin route to a caller without the role, before asking any service', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: `Bearer ${memberToken}` } });
      expectProblem(response, 403, 'forbidden');
    });
  });

  describe('correlation ids', () => {
    it('echoes the X-Correlation-Id it was given, in the header and the problem', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-correlation-id': 'test-4711' } });
      expect(response.headers['x-correlation-id']).toBe('test-4711');
      expect(response.json()).toMatchObject({ correlationId: 'test-4711' });
    });

    it.each([
      ['none', undefined],
      ['an odd one', 'a b\tc'],
      ['one longer than an event envelope holds', 'x'.repeat(101)],
    ])('makes a new one when %s is given', async (_, given) => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/v1/me', headers: given ? { 'x-correlation-id': given } : {} });
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('health', () => {
    it('is live and ready (database, NATS and Redis answer) without a token, outside /api/v1, saying no more than up', async () => {
      expect((await gw.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      const ready = await gw.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'up' });
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /api/docs-json, listing every endpoint with bearer auth declared', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/docs-json' });
      expect(response.statusCode).toBe(200);
      const document = response.json<{ openapi: string; paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>; components: { securitySchemes: Record<string, unknown> } }>();
      expect(document.openapi).toMatch(/^3\./);
      const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
      expect(operations).toEqual(
        expect.arrayContaining([
          'POST /api/v1/registrations',
          'POST /api/v1/auth/login',
          'POST /api/v1/auth/refresh',
          'GET /api/v1/me',
          'GET /api/v1/organisations',
          'GET /api/v1/organisations/{id}',
          'PATCH /api/v1/organisations/{id}',
          'POST /api/v1/organisations/{id}/approval',
          'POST /api/v1/organisations/{id}/invitations',
          'POST /api/v1/invitations/{token}/acceptance',
          'GET /api/v1/people',
          'PUT /api/v1/people/{id}/roles',
          'GET /api/v1/charters/current',
          'POST /api/v1/charters',
          'POST /api/v1/organisations/{id}/charter-signatures',
          'GET /api/v1/notifications',
          'POST /api/v1/notifications/{id}/read',
        ]),
      );
      expect(document.components.securitySchemes).toHaveProperty('bearer');
      expect(document.paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/api/v1/registrations'].post.requestBody).toMatchObject({
        content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['hub', 'organisation', 'person'] } } },
      });
    });

    it('serves the UI at /api/docs', async () => {
      const response = await gw.app.inject({ method: 'GET', url: '/api/docs' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    });
  });

});
