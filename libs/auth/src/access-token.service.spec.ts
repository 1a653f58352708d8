import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';
import { claimsOf } from './access-token.claims';
import { AccessTokenService } from './access-token.service';
import { AuthProblem } from './auth.problems';

const config = loadConfig('gateway', { NODE_ENV: 'test', ACCESS_TOKEN_TTL_SECONDS: '60' });
const { issuer, audience } = config.auth;
/** jsonwebtoken takes KeyObjects; @nestjs/jwt's types say string. */
const privateKey = createPrivateKey(config.auth.privateKey) as unknown as string;

const caller: Caller = {
  personId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f80',
  hubId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f81',
  hubRoles: ['hub_admin'],
  memberships: [{ organisationId: '0195f0a2-7c4e-7d1a-9b3e-2f4c5d6e7f82', role: 'org_admin' }],
};

const jwt = new JwtService();
const service = new AccessTokenService(jwt, config);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function problemOf(token: string): Promise<string> {
  try {
    await service.verify(token);
  } catch (error) {
    return (error as { type: string }).type;
  }
  throw new Error('the token was accepted');
}

describe('AccessTokenService', () => {
  it('signs a token that names the caller and verifies it back', async () => {
    const signed = await service.sign(caller);
    expect(signed.expiresIn).toBe(60);
    await expect(service.verify(signed.token)).resolves.toEqual(caller);
    const [header] = signed.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  });

  it('refuses HS256 keyed with the public key (the algorithm confusion attack)', async () => {
    const token = jwt.sign(claimsOf(caller), { secret: config.tokens.publicKey, algorithm: 'HS256', issuer, audience, expiresIn: 60 });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it("refuses its own service token: it is for the services' requests, not for HTTP (even one minted for the gateway's own name)", async () => {
    expect(await problemOf(service.serviceToken('partners', caller.hubId))).toBe(AuthProblem.AccessTokenInvalid);
    expect(await problemOf(service.serviceToken('gateway', caller.hubId))).toBe(AuthProblem.AccessTokenInvalid);
  });

  it("refuses alg 'none'", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claimsOf(caller), iss: issuer, aud: audience, iat: now, exp: now + 60 })}.`;
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses ES512 and ES384, even with a key of the right kind', async () => {
    const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey as unknown as string;
    expect(await problemOf(jwt.sign(claimsOf(caller), { privateKey: p521, algorithm: 'ES512', issuer, audience, expiresIn: 60 }))).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses a token signed with another key pair', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey as unknown as string;
    const token = jwt.sign(claimsOf(caller), { privateKey: other, algorithm: 'ES256', issuer, audience, expiresIn: 60 });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses a token with a changed payload', async () => {
    const [header, , signature] = (await service.sign(caller)).token.split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = base64url({ ...claimsOf(caller), hubRoles: ['hub_admin', 'city_staff'], iss: issuer, aud: audience, iat: now, exp: now + 60 });
    expect(await problemOf(`${header}.${forged}.${signature}`)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses the wrong issuer', async () => {
    const token = jwt.sign(claimsOf(caller), { privateKey, algorithm: 'ES256', issuer: 'someone-else', audience, expiresIn: 60 });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses the wrong audience', async () => {
    const token = jwt.sign(claimsOf(caller), { privateKey, algorithm: 'ES256', issuer, audience: 'another-api', expiresIn: 60 });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses an expired token as expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ ...claimsOf(caller), iat: now - 120, exp: now - 60 }, { privateKey, algorithm: 'ES256', issuer, audience });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenExpired);
  });

  it('refuses a token without exp', async () => {
    const token = jwt.sign(claimsOf(caller), { privateKey, algorithm: 'ES256', issuer, audience });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses a well-signed token whose claims are not a caller', async () => {
    const token = jwt.sign({ sub: 'not-a-uuid', hubRoles: 'hub_admin' }, { privateKey, algorithm: 'ES256', issuer, audience, expiresIn: 60 });
    expect(await problemOf(token)).toBe(AuthProblem.AccessTokenInvalid);
  });

  it('refuses garbage', async () => {
    expect(await problemOf('not.a.jwt')).toBe(AuthProblem.AccessTokenInvalid);
  });

  describe('a token verified once', () => {
    afterEach(() => jest.restoreAllMocks());

    it('is refused as expired once its exp has passed', async () => {
      const { token } = await service.sign(caller);
      await expect(service.verify(token)).resolves.toEqual(caller);
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      expect(await problemOf(token)).toBe(AuthProblem.AccessTokenExpired);
    });

    it('names the same caller again, whatever was done to the caller it gave before', async () => {
      const { token } = await service.sign(caller);
      const first = await service.verify(token);
      first.hubRoles.push('city_staff');
      first.memberships[0].role = 'member';
      await expect(service.verify(token)).resolves.toEqual(caller);
    });

    it('does not vouch for a token with its signature and another payload', async () => {
      const { token } = await service.sign(caller);
      await service.verify(token);
      const [header, , signature] = token.split('.');
      const now = Math.floor(Date.now() / 1000);
      const forged = base64url({ ...claimsOf(caller), hubRoles: ['hub_admin', 'city_staff'], iss: issuer, aud: audience, iat: now, exp: now + 60 });
      expect(await problemOf(`${header}.${forged}.${signature}`)).toBe(AuthProblem.AccessTokenInvalid);
    });
  });
});
