import { generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@cirkel/config';
import { Caller, RemoteProblem } from '@cirkel/contracts';
import { claimsOf } from './access-token.claims';
import { AccessTokenService } from './access-token.service';
import { ServiceTokenSigner } from './service-token.signer';
import { TokenVerifier } from './token-verifier';

const gateway = loadConfig('gateway', { NODE_ENV: 'test' });
const signer = new AccessTokenService(new JwtService(), gateway);
/** What a service holds: the public key alone. */
const verifier = new TokenVerifier(loadConfig('ideas', { NODE_ENV: 'test' }).tokens);
const caller: Caller = { personId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f80', hubId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f81', hubRoles: ['mentor'], memberships: [] };

function problemOf(token: string): RemoteProblem {
  try {
    verifier.callerOf(token);
  } catch (error) {
    return error as RemoteProblem;
  }
  throw new Error('the token was accepted');
}

describe('TokenVerifier (a service verifying request tokens with the public key)', () => {
  it("reads the person of an access token, and no person from the gateway's service token", async () => {
    expect(verifier.callerOf((await signer.sign(caller)).token)).toEqual(caller);
    expect(verifier.callerOf(signer.serviceToken())).toBeNull();
    expect(signer.serviceToken()).toBe(signer.serviceToken()); // minted again only near its end
  });

  it("takes a token of the services' key for a service's own, never for a person's, and never over HTTP", async () => {
    const notifications = loadConfig('notifications', { NODE_ENV: 'test' });
    expect(loadConfig('ideas', { NODE_ENV: 'test' }).tokens.servicePrivateKey).toBeUndefined(); // only the apps that ask on their own account hold it
    const own = new ServiceTokenSigner('notifications', notifications.tokens.servicePrivateKey as string, notifications.tokens);
    expect(verifier.callerOf(own.serviceToken())).toBeNull();
    const { issuer, audience } = gateway.tokens;
    const asPerson = new JwtService({ privateKey: notifications.tokens.servicePrivateKey }).sign(claimsOf(caller), { algorithm: 'ES256', issuer, audience, expiresIn: 60 });
    expect(problemOf(asPerson)).toMatchObject({ type: 'unauthenticated' });
    expect(() => verifier.accessCaller(own.serviceToken())).toThrow(expect.objectContaining({ type: 'access-token-invalid' }));
  });

  it('names the service whose own key signed a service token, and refuses a service signing as another', () => {
    const notifications = loadConfig('notifications', { NODE_ENV: 'test' }).tokens;
    const coaching = loadConfig('coaching', { NODE_ENV: 'test' }).tokens;
    expect(verifier.askerOf(new ServiceTokenSigner('notifications', notifications.servicePrivateKey as string, notifications).serviceToken())).toEqual({ service: 'notifications' });
    expect(verifier.askerOf(new ServiceTokenSigner('coaching', coaching.servicePrivateKey as string, coaching).serviceToken())).toEqual({ service: 'coaching' });
    expect(verifier.askerOf(signer.serviceToken())).toEqual({ service: 'gateway' });
    expect(verifier.askerOf(signer.serviceToken())).toEqual({ service: 'gateway' }); // remembered, the same
    // coaching's key naming notifications, or the gateway; a service no key is known for
    for (const name of ['notifications', 'gateway', 'ideas']) {
      const forged = new ServiceTokenSigner(name, coaching.servicePrivateKey as string, coaching).serviceToken();
      expect([name, problemOf(forged)]).toEqual([name, expect.objectContaining({ type: 'unauthenticated', status: 401 })]);
    }
    // the gateway's key signs only as the gateway
    expect(problemOf(new ServiceTokenSigner('notifications', gateway.auth.privateKey, gateway.tokens).serviceToken())).toMatchObject({ type: 'unauthenticated' });
  });

  it('answers unauthenticated for a token of another key pair, an expired one, another issuer, and a service token naming a person', () => {
    const { issuer, audience, serviceAudience } = gateway.tokens;
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey as unknown as string;
    const own = new JwtService({ privateKey: gateway.auth.privateKey });
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      new JwtService().sign(claimsOf(caller), { privateKey: other, algorithm: 'ES256', issuer, audience, expiresIn: 60 }),
      own.sign({ ...claimsOf(caller), iat: now - 120, exp: now - 60 }, { algorithm: 'ES256', issuer, audience }),
      own.sign(claimsOf(caller), { algorithm: 'ES256', issuer: 'elsewhere', audience, expiresIn: 60 }),
      own.sign(claimsOf(caller), { algorithm: 'ES256', issuer, audience: serviceAudience, expiresIn: 60 }),
      own.sign({ sub: 'service:gateway' }, { algorithm: 'ES256', issuer, audience, expiresIn: 60 }),
      'not.a.jwt',
    ];
    expect(tokens.map((token) => problemOf(token))).toEqual(tokens.map(() => expect.objectContaining({ type: 'unauthenticated', status: 401 })));
    expect(problemOf(tokens[1]).detail).toMatch(/expired/);
  });
});
