import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** Bodies and texts built to break something behind the validators: each is a 4xx problem, never a 500. No service runs. */
describe('gateway: hostile input', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway();
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
});
