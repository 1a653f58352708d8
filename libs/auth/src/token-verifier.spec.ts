import { generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig, serviceAudienceOf } from '@cirkel/config';
import { Caller, RemoteProblem } from '@cirkel/contracts';
import { claimsOf } from './access-token.claims';
import { AccessTokenService } from './access-token.service';
import { ServiceTokenSigner } from './service-token.signer';
import { TokenVerifier } from './token-verifier';

const gateway = loadConfig('gateway', { NODE_ENV: 'test' });
const signer = new AccessTokenService(new JwtService(), gateway);
/** What a service holds: the public key alone (here ideas', which takes the service tokens minted for ideas). */
const verifier = new TokenVerifier(loadConfig('ideas', { NODE_ENV: 'test' }).tokens, 'ideas');
const caller: Caller = { personId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f80', hubId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f81', hubRoles: ['mentor'], memberships: [] };
const hubId = caller.hubId;

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
    expect(verifier.callerOf(signer.serviceToken('ideas', hubId))).toBeNull();
    expect(signer.serviceToken('ideas', hubId)).toBe(signer.serviceToken('ideas', hubId)); // minted again only near its end
    expect(signer.serviceToken('ideas', null)).not.toBe(signer.serviceToken('ideas', hubId)); // one per app and hub
  });

  it("takes a token of the services' key for a service's own, never for a person's, and never over HTTP", async () => {
    const notifications = loadConfig('notifications', { NODE_ENV: 'test' });
    expect(loadConfig('ideas', { NODE_ENV: 'test' }).tokens.servicePrivateKey).toBeUndefined(); // only the apps that ask on their own account hold it
    const own = new ServiceTokenSigner('notifications', notifications.tokens.servicePrivateKey as string, notifications.tokens);
    expect(verifier.callerOf(own.serviceToken('ideas', hubId))).toBeNull();
    const { issuer, audience } = gateway.tokens;
    const asPerson = new JwtService({ privateKey: notifications.tokens.servicePrivateKey }).sign(claimsOf(caller), { algorithm: 'ES256', issuer, audience, expiresIn: 60 });
    expect(problemOf(asPerson)).toMatchObject({ type: 'unauthenticated' });
    expect(() => verifier.accessCaller(own.serviceToken('ideas', hubId))).toThrow(expect.objectContaining({ type: 'access-token-invalid' }));
  });

  it('names the service whose own key signed a service token, and refuses a service signing as another', () => {
    const notifications = loadConfig('notifications', { NODE_ENV: 'test' }).tokens;
    const coaching = loadConfig('coaching', { NODE_ENV: 'test' }).tokens;
    expect(verifier.askerOf(new ServiceTokenSigner('notifications', notifications.servicePrivateKey as string, notifications).serviceToken('ideas', hubId))).toEqual({ service: 'notifications', hubId });
    expect(verifier.askerOf(new ServiceTokenSigner('coaching', coaching.servicePrivateKey as string, coaching).serviceToken('ideas', null))).toEqual({ service: 'coaching', hubId: null });
    expect(verifier.askerOf(signer.serviceToken('ideas', hubId))).toEqual({ service: 'gateway', hubId });
    expect(verifier.askerOf(signer.serviceToken('ideas', hubId))).toEqual({ service: 'gateway', hubId }); // remembered, the same
    // coaching's key naming notifications, or the gateway; a service no key is known for
    for (const name of ['notifications', 'gateway', 'ideas']) {
      const forged = new ServiceTokenSigner(name, coaching.servicePrivateKey as string, coaching).serviceToken('ideas', hubId);
      expect([name, problemOf(forged)]).toEqual([name, expect.objectContaining({ type: 'unauthenticated', status: 401 })]);
    }
    // the gateway's key signs only as the gateway
    expect(problemOf(new ServiceTokenSigner('notifications', gateway.auth.privateKey, gateway.tokens).serviceToken('ideas', hubId))).toMatchObject({ type: 'unauthenticated' });
  });

  it('takes a service token only in the app it was minted for: one for partners (or the gateway, or the audience all services shared before) is refused by ideas', () => {
    const notifications = loadConfig('notifications', { NODE_ENV: 'test' }).tokens;
    const coaching = loadConfig('coaching', { NODE_ENV: 'test' }).tokens;
    const forPartners = {
      gateway: signer.serviceToken('partners', hubId),
      notifications: new ServiceTokenSigner('notifications', notifications.servicePrivateKey as string, notifications).serviceToken('partners', hubId),
      coaching: new ServiceTokenSigner('coaching', coaching.servicePrivateKey as string, coaching).serviceToken('partners', hubId),
    };
    for (const [asker, token] of Object.entries(forPartners)) {
      expect([asker, problemOf(token)]).toEqual([asker, expect.objectContaining({ type: 'unauthenticated', status: 401 })]);
      // the same token is taken by partners, whose name it bears
      expect(new TokenVerifier(gateway.tokens, 'partners').askerOf(token)).toEqual({ service: asker, hubId });
    }
    expect(problemOf(signer.serviceToken('gateway', hubId))).toMatchObject({ status: 401 });
    const { issuer, audience } = gateway.tokens;
    const own = new JwtService({ privateKey: gateway.auth.privateKey });
    // the one audience all services shared before, and a token for ideas without the hub claim
    expect(problemOf(own.sign({ sub: 'service:gateway', hubId }, { algorithm: 'ES256', issuer, audience: `${audience}:services`, expiresIn: 60 }))).toMatchObject({ status: 401 });
    expect(problemOf(own.sign({ sub: 'service:gateway' }, { algorithm: 'ES256', issuer, audience: serviceAudienceOf(gateway.tokens, 'ideas'), expiresIn: 60 }))).toMatchObject({ status: 401 });
    expect(verifier.askerOf(own.sign({ sub: 'service:gateway', hubId }, { algorithm: 'ES256', issuer, audience: serviceAudienceOf(gateway.tokens, 'ideas'), expiresIn: 60 }))).toEqual({ service: 'gateway', hubId });
  });

  it('answers unauthenticated for a token of another key pair, an expired one, another issuer, and a service token naming a person', () => {
    const { issuer, audience } = gateway.tokens;
    const serviceAudience = serviceAudienceOf(gateway.tokens, 'ideas');
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
