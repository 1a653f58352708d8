#!/bin/sh
# Starts nats-server with the apps' accounts (auth.conf) once every password it names is in the
# environment: nats-server would take an empty one as a password that anyone naming the user
# matches. Usage: start.sh <nats-server arguments>   (the image's nats-server, a shell: nats:2.10-alpine)
set -eu
here=$(dirname "$0")
for variable in $(grep -o 'NATS_PASSWORD_[A-Z_]*' "$here/auth.conf" | sort -u); do
  eval "value=\${$variable:-}"
  if [ ${#value} -lt 16 ]; then
    echo "nats: $variable must hold a password of at least 16 characters (deploy/make-keys.sh makes them)" >&2
    exit 1
  fi
done
exec nats-server "$@"
