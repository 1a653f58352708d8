import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthProblem, hashOpaqueToken } from '@cirkel/auth';
import { GatewayConfig } from '@cirkel/config';
import { dataSourceOptions, migrate } from '@cirkel/persistence';
import { cleanupNamespace, ensureTestDatabase, schemaDrift, testConfig, testNamespace } from '@cirkel/testing';
import { RefreshTokens1764231000000 } from '../src/migrations/1764231000000-refresh-tokens';
import { RefreshToken } from '../src/sessions/refresh-token.entity';
import { RefreshTokenRepository } from '../src/sessions/refresh-token.repository';
import { RefreshTokenService } from '../src/sessions/refresh-token.service';

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
    dataSource = await new DataSource(dataSourceOptions(config, { entities: [RefreshToken], migrations: [RefreshTokens1764231000000] })).initialize();
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

  it('has a migration that goes down as well as up', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'refresh_token') AS exists`,
      [config.database.schema],
    );
    expect(exists).toBe(false);
    await migrate(dataSource);
  });
});
