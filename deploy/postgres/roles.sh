#!/bin/sh
# Runs at every `docker compose up`, as the one-off service postgres-roles once docker-compose.yml's
# PostgreSQL is healthy (the apps start after it succeeded): a role per app and the owner of its
# schema alone (deploy/README.md, "PostgreSQL roles"; docs/security.md). Each app then runs as
# cirkel_<app>, which may use only its own schema's tables, and migrates as cirkel_owner_<app>, which
# owns that schema and no other. Their passwords come from the environment (deploy/make-keys.sh makes
# them): POSTGRES_PASSWORD_<APP> and POSTGRES_OWNER_PASSWORD_<APP>. A missing or short one stops it
# (and so the apps), as an empty password would be no password.
# It can run again: a role that exists gets the password of the environment (a changed one counts),
# and a schema that exists, with what is in it (a volume of a compose that ran every app as the
# superuser), is given to its owner. It refuses a server that trusts other hosts (such a volume's
# pg_hba.conf), making nothing.
set -eu
apps="${CIRKEL_APPS:-gateway partners ideas coaching reporting notifications}"
for app in $apps; do
  upper=$(echo "$app" | tr 'a-z' 'A-Z')
  for variable in "POSTGRES_PASSWORD_$upper" "POSTGRES_OWNER_PASSWORD_$upper"; do
    eval "value=\${$variable:-}"
    if [ ${#value} -lt 16 ]; then
      echo "postgres: $variable must hold a password of at least 16 characters (deploy/make-keys.sh makes them)" >&2
      exit 1
    fi
  done
done
sql() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-cirkel}" "$@"; }
# A server that lets other machines in without a password makes the roles' passwords moot: a volume
# initialised by the older compose (POSTGRES_HOST_AUTH_METHOD=trust) keeps such a pg_hba.conf line.
trusted=$(sql -At -c "SELECT string_agg(line_number::text, ', ' ORDER BY line_number) FROM pg_hba_file_rules
  WHERE auth_method = 'trust' AND type <> 'local'
    AND NOT (address IN ('127.0.0.1', '::1') AND netmask IN ('255.255.255.255', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))")
if [ -n "$trusted" ]; then
  echo "postgres: pg_hba.conf trusts connections from other hosts without a password (line $trusted): change trust to scram-sha-256 there and reload, or start the volume anew (docker compose down -v, its data lost)" >&2
  exit 1
fi
for app in $apps; do
  upper=$(echo "$app" | tr 'a-z' 'A-Z')
  eval "password=\${POSTGRES_PASSWORD_$upper}"
  eval "owner_password=\${POSTGRES_OWNER_PASSWORD_$upper}"
  # psql variables (:'x' quotes a literal, :"x" an identifier): a password is never spliced into SQL
  sql -v app="$app" -v role="cirkel_$app" -v owner="cirkel_owner_$app" -v password="$password" -v owner_password="$owner_password" -v database="${POSTGRES_DB:-cirkel}" <<'SQL'
SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
GRANT CREATE ON DATABASE :"database" TO :"owner";
SELECT format('CREATE SCHEMA %I AUTHORIZATION %I', :'app', :'owner') WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = :'app') \gexec
ALTER SCHEMA :"app" OWNER TO :"owner";
-- what another role made in the schema: tables, views, sequences of no column, functions, types
SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = :'app' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> :'owner'::regrole
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :'app' AND p.prokind IN ('f', 'p') AND p.proowner <> :'owner'::regrole \gexec
SELECT format('ALTER %s %I.%I OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname, :'owner')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = :'app' AND t.typtype IN ('e', 'd') AND t.typowner <> :'owner'::regrole \gexec
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SQL
done
# nobody creates objects in public (PostgreSQL before 15 lets every role)
sql -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC'
echo "postgres: a role and a schema owner for each of: $apps"
