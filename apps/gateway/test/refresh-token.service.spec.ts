import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthProblem, hashOpaqueToken } from '@cirkel/auth';
import { GatewayConfig } from '@cirkel/config';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, schemaDrift, testConfig, testNamespace } from '@cirkel/testing';
import { GATEWAY_PERSISTENCE } from '../src/gateway.persistence';
import { RefreshToken } from '../src/sessions/refresh-token.entity';
import { RefreshTokenRepository } from '../src/sessions/refresh-token.repository';
import { LOGIN_FAMILY_MAX_SECONDS, RefreshTokenService } from '../src/sessions/refresh-token.service';

async function problemOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as { type: string }).type;
  }
  throw new Error('expected a refusal');
}

/** Rotation and reuse detection against the gateway's real schema and migrations. */
describe('RefreshTokenService (real Postgres)', () => {
  const namespace = testNamespace();
  let config: GatewayConfig;
  let dataSource: DataSource;
  let service: RefreshTokenService;

  beforeAll(async () => {
    await ensureTestDatabase();
    config = testConfig('gateway', namespace, { REFRESH_TOKEN_TTL_SECONDS: '3600' });
    dataSource = await new DataSource(dataSourceOptions(config, GATEWAY_PERSISTENCE)).initialize();
    await migrate(dataSource);
    service = new RefreshTokenService(new RefreshTokenRepository(dataSource), config);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await cleanupNamespace(namespace);
  });

  const person = () => ({ personId: randomUUID(), hubId: randomUUID() });

  it('has an entity that describes exactly what its migration creates', async () => {
    expect(await schemaDrift(dataSource)).toEqual([]);
  });

  it('stores only the SHA-256 of a token, never the token', async () => {
    const { personId, hubId } = person();
    const token = await service.start(personId, hubId);
    const rows = await dataSource.query<{ token_hash: string }[]>('SELECT token_hash FROM refresh_token WHERE person_id = $1', [personId]);
    expect(rows).toEqual([{ token_hash: hashOpaqueToken(token) }]);
    expect(JSON.stringify(await dataSource.query('SELECT * FROM refresh_token'))).not.toContain(token);
  });

  it('rotates: the next token works, in the same family, and the old one is marked used', async () => {
    const { personId, hubId } = person();
    const first = await service.start(personId, hubId);
    const session = await service.redeemable(first);
    expect(session).toMatchObject({ personId, hubId });
    const second = await service.rotate(session);
    expect(second).not.toBe(first);
    const next = await service.redeemable(second);
    expect(next.familyId).toBe(session.familyId);
    const old = await dataSource.manager.findOneByOrFail(RefreshToken, { id: session.tokenId });
    expect(old.usedAt).toBeInstanceOf(Date);
  });

  it('answers a reused token with refresh-token-reused and revokes its whole family', async () => {
    const { personId, hubId } = person();
    const first = await service.start(personId, hubId);
    const second = await service.rotate(await service.redeemable(first));
    expect(await problemOf(service.redeemable(first))).toBe(AuthProblem.RefreshTokenReused);
    // The thief's or the owner's newer token is gone too: everyone logs in again.
    expect(await problemOf(service.redeemable(second))).toBe(AuthProblem.RefreshTokenInvalid);
    const family = await dataSource.query<{ revoked_at: Date | null }[]>('SELECT revoked_at FROM refresh_token WHERE person_id = $1', [personId]);
    expect(family).toHaveLength(2);
    expect(family.every((row) => row.revoked_at !== null)).toBe(true);
  });

  it('leaves other logins of the same person alone when one family is revoked', async () => {
    const { personId, hubId } = person();
    const laptop = await service.start(personId, hubId);
    const phone = await service.start(personId, hubId);
    await service.rotate(await service.redeemable(laptop));
    await problemOf(service.redeemable(laptop));
    await expect(service.redeemable(phone)).resolves.toMatchObject({ personId });
  });

  it('lets only one of two simultaneous rotations win; the other is reuse', async () => {
    const { personId, hubId } = person();
    const token = await service.start(personId, hubId);
    const session = await service.redeemable(token);
    const results = await Promise.allSettled([service.rotate(session), service.rotate(session)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((refused?.reason as { type: string }).type).toBe(AuthProblem.RefreshTokenReused);
  });

  it('refuses an unknown token and an expired one as invalid', async () => {
    expect(await problemOf(service.redeemable('never-issued-token-0123456789'))).toBe(AuthProblem.RefreshTokenInvalid);
    const { personId, hubId } = person();
    const token = await service.start(personId, hubId);
    const anHourAndASecondLater = new Date(Date.now() + 3601 * 1000);
    expect(await problemOf(service.redeemable(token, anHourAndASecondLater))).toBe(AuthProblem.RefreshTokenInvalid);
  });

  it('ends a login 30 days after it began, however often it is refreshed', async () => {
    const longLived = new RefreshTokenService(new RefreshTokenRepository(dataSource), testConfig('gateway', namespace, { REFRESH_TOKEN_TTL_SECONDS: String(40 * DAY) }));
    const { personId, hubId } = person();
    const began = Date.now();
    const at = (days: number, seconds = 0) => new Date(began + days * DAY * 1000 + seconds * 1000);
    let token = await longLived.start(personId, hubId, at(0));
    token = await longLived.rotate(await longLived.redeemable(token, at(20)), at(20));
    token = await longLived.rotate(await longLived.redeemable(token, at(29)), at(29));
    expect(await problemOf(longLived.redeemable(token, at(30, 1)))).toBe(AuthProblem.RefreshTokenInvalid);
    expect(LOGIN_FAMILY_MAX_SECONDS).toBe(30 * DAY);
  });

  it('logs out: the login of a token ends, its later tokens too; other logins and unknown tokens are left alone', async () => {
    const { personId, hubId } = person();
    const laptop = await service.start(personId, hubId);
    const phone = await service.start(personId, hubId);
    const laptopNow = await service.rotate(await service.redeemable(laptop));
    expect(await service.end(laptop)).toBe(1);
    expect(await problemOf(service.redeemable(laptopNow))).toBe(AuthProblem.RefreshTokenInvalid);
    await expect(service.redeemable(phone)).resolves.toMatchObject({ personId });
    await expect(service.end('never-issued-token-0123456789')).resolves.toBe(0);
    expect(await service.end(laptop)).toBe(0);
  });

  it("ends every login of a person at once, and no one else's", async () => {
    const { personId, hubId } = person();
    const someoneElse = await service.start(randomUUID(), hubId);
    const laptop = await service.rotate(await service.redeemable(await service.start(personId, hubId)));
    const phone = await service.start(personId, hubId);
    expect(await service.endAll(personId)).toBe(2);
    for (const token of [laptop, phone]) expect(await problemOf(service.redeemable(token))).toBe(AuthProblem.RefreshTokenInvalid);
    const rows = await dataSource.query<{ revoked_at: Date | null; used_at: Date | null }[]>('SELECT revoked_at, used_at FROM refresh_token WHERE person_id = $1', [personId]);
    expect(rows.filter((row) => !row.revoked_at && !row.used_at)).toEqual([]);
    await expect(service.redeemable(someoneElse)).resolves.toBeDefined();
  });

  it('deletes tokens that expired more than a day ago when someone logs in', async () => {
    const { personId, hubId } = person();
    await service.start(personId, hubId, new Date(Date.now() - 3600 * 1000));
    await service.start(personId, hubId, new Date(Date.now() - 3 * DAY * 1000));
    const count = async () => (await dataSource.query<unknown[]>('SELECT 1 FROM refresh_token WHERE person_id = $1', [personId])).length;
    expect(await count()).toBe(2);
    await service.start(randomUUID(), hubId);
    // The one expired three days ago is gone; the one that expired just now is kept a day.
    expect(await count()).toBe(1);
  });

  it('has migrations that go down as well as up', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'refresh_token') AS exists`,
      [config.database.schema],
    );
    expect(exists).toBe(false);
    await migrate(dataSource);
  });
});

const DAY = 24 * 60 * 60;
