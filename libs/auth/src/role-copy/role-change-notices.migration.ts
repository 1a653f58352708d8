import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channel on which a schema's role tables say that a person's roles changed: the payload is
 * `<schema> <person id>`, sent by Postgres when the changing transaction commits. One channel for
 * every schema of the database (a schema's name may fill a channel name's 63 bytes); each
 * service's `CachedRoleDirectory` listens and keeps only its own schema's notices.
 */
export const ROLE_CHANGES_CHANNEL = 'cirkel_role_changes';

/** A table that holds roles: its column naming the person, and the changes that matter (all, unless said). */
interface RoleTable {
  table: string;
  person: string;
  events?: string;
}

/** Creates, in the migration's schema, the trigger function and a row trigger on each table that holds roles. */
async function addNotices(q: QueryRunner, tables: RoleTable[]): Promise<void> {
  await q.query(`
    CREATE FUNCTION notify_role_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${ROLE_CHANGES_CHANNEL}', TG_TABLE_SCHEMA || ' ' || (to_jsonb(OLD) ->> TG_ARGV[0])); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${ROLE_CHANGES_CHANNEL}', TG_TABLE_SCHEMA || ' ' || (to_jsonb(NEW) ->> TG_ARGV[0])); END IF;
      RETURN NULL;
    END $$`);
  for (const { table, person, events } of tables) {
    await q.query(`CREATE TRIGGER ${table}_role_change AFTER ${events ?? 'INSERT OR UPDATE OR DELETE'} ON ${table} FOR EACH ROW EXECUTE FUNCTION notify_role_change('${person}')`);
  }
}

async function dropNotices(q: QueryRunner, tables: RoleTable[]): Promise<void> {
  for (const { table } of tables) await q.query(`DROP TRIGGER ${table}_role_change ON ${table}`);
  await q.query('DROP FUNCTION notify_role_change()');
}

const COPY_TABLES: RoleTable[] = [
  { table: 'copied_hub_roles', person: 'person_id' },
  { table: 'copied_membership', person: 'person_id' },
];
/** Partners' people (a person who is no more holds nothing) and their roles. */
const SOURCE_TABLES: RoleTable[] = [
  { table: 'person', person: 'id', events: 'INSERT OR DELETE OR UPDATE OF id, hub_id' },
  { table: 'hub_role', person: 'person_id' },
  { table: 'membership', person: 'person_id' },
];

/** A service's copy of roles says when a person's roles change (every service but partners; in ROLE_COPY_PERSISTENCE). */
export class RoleCopyChangeNotices1764800000000 implements MigrationInterface {
  name = 'RoleCopyChangeNotices1764800000000';

  up(q: QueryRunner): Promise<void> {
    return addNotices(q, COPY_TABLES);
  }

  down(q: QueryRunner): Promise<void> {
    return dropNotices(q, COPY_TABLES);
  }
}

/** Partners' own tables (`person`, `hub_role`, `membership`) say when a person's roles change; for partners, the source of roles. */
export class RoleSourceChangeNotices1764800100000 implements MigrationInterface {
  name = 'RoleSourceChangeNotices1764800100000';

  up(q: QueryRunner): Promise<void> {
    return addNotices(q, SOURCE_TABLES);
  }

  down(q: QueryRunner): Promise<void> {
    return dropNotices(q, SOURCE_TABLES);
  }
}
