#!/bin/sh
# Prints the P-256 key pairs and a NATS password per app as .env lines (PEMs with \n escapes, which the apps
# read back): the gateway's (access tokens, ES256), one per service that sends requests on its own
# account (notifications, coaching; ES256), and the pair that seals passwords on the bus (the gateway encrypts to the public
# half, partners alone decrypts), notifications' unsubscribe-link secret and the gateway's device-cookie key.
# Usage: deploy/make-keys.sh >> .env    Keep the file secret; never commit it.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pem_line() { sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g' "$1"; }
for pair in jwt service-notifications service-coaching password; do
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$dir/$pair-private.pem"
  openssl ec -in "$dir/$pair-private.pem" -pubout -out "$dir/$pair-public.pem" 2>/dev/null
done
printf 'JWT_PRIVATE_KEY="%s"\n' "$(pem_line "$dir/jwt-private.pem")"
printf 'JWT_PUBLIC_KEY="%s"\n' "$(pem_line "$dir/jwt-public.pem")"
# docker-compose.yml gives each asking service its own private key as JWT_SERVICE_PRIVATE_KEY, every app both public keys.
for app in notifications coaching; do
  upper=$(echo "$app" | tr 'a-z' 'A-Z')
  printf 'JWT_SERVICE_PRIVATE_KEY_%s="%s"\n' "$upper" "$(pem_line "$dir/service-$app-private.pem")"
  printf 'JWT_SERVICE_PUBLIC_KEY_%s="%s"\n' "$upper" "$(pem_line "$dir/service-$app-public.pem")"
done
printf 'PASSWORD_PRIVATE_KEY="%s"\n' "$(pem_line "$dir/password-private.pem")"
printf 'PASSWORD_PUBLIC_KEY="%s"\n' "$(pem_line "$dir/password-public.pem")"
# docker-compose.yml's PostgreSQL (its superuser, and per app its role and its schema's owner: deploy/postgres/roles.sh) and Redis.
printf 'POSTGRES_PASSWORD="%s"\n' "$(openssl rand -base64 32 | tr -d '=+/\n')"
for app in gateway partners ideas coaching reporting notifications; do
  upper=$(echo "$app" | tr 'a-z' 'A-Z')
  printf 'POSTGRES_PASSWORD_%s="%s"\n' "$upper" "$(openssl rand -base64 32 | tr -d '=+/\n')"
  printf 'POSTGRES_OWNER_PASSWORD_%s="%s"\n' "$upper" "$(openssl rand -base64 32 | tr -d '=+/\n')"
done
printf 'REDIS_PASSWORD="%s"\n' "$(openssl rand -base64 32 | tr -d '=+/\n')"
printf 'NOTIFICATIONS_UNSUBSCRIBE_SECRET="%s"\n' "$(openssl rand -base64 48 | tr -d '=+/\n')"
printf 'DEVICE_COOKIE_KEY="%s"\n' "$(openssl rand -base64 48 | tr -d '=+/\n')"
# A NATS password per app (deploy/nats/auth.conf names them): the server reads them all, each app its own.
for variable in $(grep -o 'NATS_PASSWORD_[A-Z_]*' "$(dirname "$0")/nats/auth.conf" | sort -u); do
  printf '%s="%s"\n' "$variable" "$(openssl rand -base64 32 | tr -d '=+/\n')"
done
