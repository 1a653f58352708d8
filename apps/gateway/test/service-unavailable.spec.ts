import { connect, NatsConnection } from 'nats';
import { Authenticate } from '@cirkel/contracts';
import { requestSubject } from '@cirkel/messaging';
import { anEmail } from '@cirkel/testing';
import { anAddress } from './support/factories';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const TIMEOUT_MS = 400;

/** No partners running, or partners hanging: the HTTP caller gets a 503 problem, never a hang. */
describe('gateway: a service that does not answer', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ NATS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS), LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100' });
  });

  afterAll(() => gw?.close());

  function login(email = anEmail(), address = anAddress()) {
    return gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, payload: { email, password: 'correct horse battery' } });
  }

  it('answers 503 service-unavailable at once when no partners runs', async () => {
    const started = Date.now();
    const response = await login();
    expectProblem(response, 503, 'service-unavailable');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
  });

  describe('when partners takes the request and never answers', () => {
    let nc: NatsConnection;

    beforeAll(async () => {
      nc = await connect({ servers: gw.config.nats.servers });
      nc.subscribe(requestSubject(gw.config.nats.subjectPrefix, Authenticate.pattern), { callback: () => undefined });
      await nc.flush();
    });

    afterAll(() => nc?.close());

    it('answers 503 service-unavailable after the request timeout, well under timeout + 1 s', async () => {
      const started = Date.now();
      const response = await login();
      const elapsed = Date.now() - started;
      expectProblem(response, 503, 'service-unavailable');
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
    });
  });

  it('still counts every attempt against the limit: the 4th attempt on one account is a 429 login-account-locked', async () => {
    const email = anEmail();
    for (let attempt = 1; attempt <= 3; attempt += 1) expectProblem(await login(email), 503, 'service-unavailable');
    const response = await login(email);
    // The account's limit answers with the way out (a link by e-mail), not the generic 429 (issue 7).
    expectProblem(response, 429, 'login-account-locked');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
