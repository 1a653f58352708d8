import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { grantSchemaUse } from '@cirkel/persistence';
import { TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { PartnersTestApp } from './partners-test-app';

/**
 * Issue 7, a Postgres role per service: partners migrates as the schema's owner
 * (DATABASE_MIGRATION_URL) and runs as a role of its own, which may use its own schema's rows and
 * nothing else; another service's role (ideas') is refused partners' tables, the password hashes
 * first. Roles are cluster-wide, so a test run makes its own (`<namespace>_<app>`) and drops them.
 */
const namespace = testNamespace();
const roles = { partners: `${namespace}_partners`, ideas: `${namespace}_ideas` };
const password = randomBytes(12).toString('hex');
const schema = testConfig('partners', namespace).database.schema;
const ideasSchema = testConfig('ideas', namespace).database.schema;
let admin: Client;
let sut: PartnersTestApp;

function urlAs(role: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.username = role;
  url.password = password;
  return url.toString();
}

async function as<T>(role: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: urlAs(role) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(role: string, sql: string): Promise<string> {
  return as(role, (db) => db.query(sql).then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  ));
}

beforeAll(async () => {
  admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  for (const role of Object.values(roles)) await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
  sut = await PartnersTestApp.start({ DATABASE_URL: urlAs(roles.partners), DATABASE_MIGRATION_URL: TEST_DATABASE_URL }, namespace);
  // Ideas' role gets what its own migration would grant it: its own schema's tables.
  await admin.query(`CREATE SCHEMA "${ideasSchema}"`);
  await admin.query(`CREATE TABLE "${ideasSchema}".idea (id int)`);
  const owner = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  try {
    await grantSchemaUse(owner, ideasSchema, roles.ideas);
  } finally {
    await owner.destroy();
  }
}, 60_000);

afterAll(async () => {
  await sut?.stop();
  await admin.query(`DROP SCHEMA IF EXISTS "${ideasSchema}" CASCADE`);
  for (const role of Object.values(roles)) {
    await admin.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  }
  await admin?.end();
});

it('runs partners as its own role: registration, confirmation and login work, the tables are the owner\'s', async () => {
  const hub = await sut.hub();
  const { identity } = await sut.register(hub);
  expect(identity.caller.personId).toEqual(expect.any(String)); // the login: authenticated against the hash it wrote
  const [owner] = (await admin.query(`SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'person'`, [schema])).rows;
  expect(owner.tableowner).not.toBe(roles.partners);
  // its own role reads the hashes, and changes no table
  expect(await outcome(roles.partners, `SELECT password_hash FROM "${schema}".person`)).toBe('ok');
  expect(await outcome(roles.partners, `CREATE TABLE "${schema}".intruder (id int)`)).toBe('42501');
  expect(await outcome(roles.partners, `ALTER TABLE "${schema}".person ADD COLUMN intruder int`)).toBe('42501');
});

it("refuses ideas' role partners' tables: no password hash, no person, no write — though granted its own", async () => {
  expect(await outcome(roles.ideas, `SELECT count(*) FROM "${ideasSchema}".idea`)).toBe('ok');
  expect(await outcome(roles.ideas, `SELECT password_hash FROM "${schema}".person`)).toBe('42501');
  expect(await outcome(roles.ideas, `SELECT count(*) FROM "${schema}".hub_role`)).toBe('42501');
  expect(await outcome(roles.ideas, `UPDATE "${schema}".hub_role SET role = role`)).toBe('42501');
});
