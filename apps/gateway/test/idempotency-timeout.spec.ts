import { randomUUID } from 'node:crypto';
import { AcceptInvitation, DomainError } from '@cirkel/contracts';
import { aPersonView, eventually, FakeService, sleep } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const TIMEOUT_MS = 300;
/** How long the fake partners takes: past the gateway's timeout. */
const SLOW_MS = 1_500;

/**
 * Issue 6, finding 7: a request that times out may still commit. The gateway answers 503 at its
 * timeout but keeps the Idempotency-Key until the service's answer comes (or a bound): a retry
 * meanwhile is told it is in progress, and once the answer is known gets it, never a second run.
 */
describe('gateway: Idempotency-Key on a request that times out', () => {
  let gw: GatewayHarness;
  let services: FakeService;
  let outcome: () => unknown;

  const token = 't'.repeat(32);
  const accept = (key: string) =>
    gw.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/acceptance`, payload: { name: 'An Verhoeven', password: 'correct horse battery' }, headers: { 'idempotency-key': key } });
  const runs = () => services.envelopesOf(AcceptInvitation).length;

  beforeAll(async () => {
    gw = await startGateway({ NATS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    services = new FakeService().on(AcceptInvitation, async () => {
      await sleep(SLOW_MS);
      return outcome();
    });
    await services.start(gw.config, [AcceptInvitation]);
  });

  afterAll(async () => {
    await services?.stop();
    await gw?.close();
  });

  it('answers a retry with the first outcome once it is known, without running the command again', async () => {
    const view = aPersonView();
    outcome = () => view;
    const key = randomUUID();
    expectProblem(await accept(key), 503, 'service-unavailable');

    const meanwhile = await accept(key); // the service is still at work
    expectProblem(meanwhile, 409, 'idempotency-key-in-use');
    expect(Number(meanwhile.headers['retry-after'])).toBeGreaterThan(0);

    await eventually(async () => {
      const again = await accept(key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(view);
    }, { timeoutMs: 10_000, intervalMs: 200 });
    expect(runs()).toBe(1);
  });

  it('frees the key when the late answer is a failure, so a retry runs', async () => {
    outcome = () => {
      throw new DomainError('invitation-revoked', 410, 'Gone', 'revoked');
    };
    const key = randomUUID();
    const before = runs();
    expectProblem(await accept(key), 503, 'service-unavailable');
    await sleep(SLOW_MS + 300); // the failure has come back by now
    outcome = () => aPersonView();
    expectProblem(await accept(key), 503, 'service-unavailable'); // ran again (and is slow again)
    expect(runs()).toBe(before + 2);
  });
});
