#!/bin/sh
# Runs once, when docker-compose.yml's PostgreSQL initialises its data volume (the image runs the
# scripts of /docker-entrypoint-initdb.d): a role per app and the owner of its schema alone
# (deploy/README.md, "PostgreSQL roles"; docs/security.md). Each app then runs as cirkel_<app>, which
# may use only its own schema's tables, and migrates as cirkel_owner_<app>, which owns that schema
# and no other. Their passwords come from the environment (deploy/make-keys.sh makes them):
# POSTGRES_PASSWORD_<APP> and POSTGRES_OWNER_PASSWORD_<APP>. A missing or short one stops the
# initialisation (and the server), as an empty password would be no password.
# A volume initialised before keeps what it had: `docker compose down -v` starts it anew (its data lost).
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
for app in $apps; do
  upper=$(echo "$app" | tr 'a-z' 'A-Z')
  eval "password=\${POSTGRES_PASSWORD_$upper}"
  eval "owner_password=\${POSTGRES_OWNER_PASSWORD_$upper}"
  # psql variables (:'x' quotes a literal, :"x" an identifier): a password is never spliced into SQL
  sql -v app="$app" -v role="cirkel_$app" -v owner="cirkel_owner_$app" -v password="$password" -v owner_password="$owner_password" -v database="${POSTGRES_DB:-cirkel}" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
GRANT CREATE ON DATABASE :"database" TO :"owner";
CREATE SCHEMA :"app" AUTHORIZATION :"owner";
CREATE ROLE :"role" LOGIN PASSWORD :'password';
SQL
done
# nobody creates objects in public (PostgreSQL before 15 lets every role)
sql -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC'
echo "postgres: a role and a schema owner for each of: $apps"
