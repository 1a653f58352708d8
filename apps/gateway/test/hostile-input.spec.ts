import { AccessTokenService } from '@cirkel/auth';
import { aCaller, aHubAdmin } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** Bodies and texts built to break something behind the validators: each is a 4xx problem, never a 500. No service runs. */
describe('gateway: hostile input', () => {
  let gw: GatewayHarness;
  let memberToken: string;
  let adminToken: string;

  beforeAll(async () => {
    gw = await startGateway();
    const tokens = gw.app.get(AccessTokenService);
    memberToken = (await tokens.sign(aCaller())).token;
    adminToken = (await tokens.sign(aHubAdmin())).token;
  });

  afterAll(() => gw?.close());

  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  describe('deeply nested bodies', () => {
    it.each([
      ['with an Idempotency-Key', { 'idempotency-key': 'deep-1' }],
      ['without one', {}],
    ])('refuses a body nested 5,000 deep %s with 400 malformed-request, before anything walks it', async (_, headers) => {
      const response = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: { 'content-type': 'application/json', ...headers },
        payload: `{"hub": ${nested(5000)}}`,
      });
      const problem = expectProblem(response, 400, 'malformed-request');
      expect(problem.detail).toMatch(/nests deeper than \d+ levels/);
    });

    it('refuses one nested as deep as the body limit allows', async () => {
      const response = await gw.app.inject({
        method: 'POST',
        url: '/api/v1/organisations/0199c3c4-5a1e-7000-8000-000000000001/invitations',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-2' },
        payload: nested(500_000),
      });
      expectProblem(response, 400, 'malformed-request');
    });
  });

  describe('control characters in text (Postgres refuses NUL; a line break forges log lines)', () => {
    const person = { name: 'An Verhoeven', email: 'an@kringwinkel.test', password: 'correct horse battery', language: 'nl' };
    const registration = (name: string) => ({ hub: 'genk', organisation: { name, type: 'social' }, person });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });

    it.each([
      ['a search', () => ({ method: 'GET' as const, url: '/api/v1/organisations?q=%00', headers: as(memberToken) }), 'q'],
      ['a search, encoded in UTF-8 as C1', () => ({ method: 'GET' as const, url: '/api/v1/organisations?q=kring%C2%85', headers: as(memberToken) }), 'q'],
      ['an organisation name', () => ({ method: 'POST' as const, url: '/api/v1/registrations', payload: registration('Kring\u0000winkel') }), 'organisation.name'],
      ['a name with a forged log line', () => ({ method: 'POST' as const, url: '/api/v1/registrations', payload: registration('Kringwinkel\n[gateway] ERROR') }), 'organisation.name'],
      ['an accepting person', () => ({ method: 'POST' as const, url: `/api/v1/invitations/${'t'.repeat(43)}/acceptance`, payload: { ...person, email: undefined, name: 'Jef\u0000' } }), 'name'],
      ['a charter', () => ({ method: 'POST' as const, url: '/api/v1/charters', headers: as(adminToken), payload: { text: { nl: 'Wij werken samen, echt waar.\u0000', en: 'We work together, really and truly.' } } }), 'text.nl'],
    ])('refuses NUL or a control character in %s with 400 validation-failed, before any service is asked', async (_, request, field) => {
      const problem = expectProblem(await gw.app.inject(request()), 400, 'validation-failed');
      expect(problem.errors).toEqual([{ field, message: expect.stringMatching(/control characters/) }]);
    });
  });
});
