#!/bin/sh
# Makes what NATS over TLS needs, with openssl: a CA of its own (ca.crt, ca.key), and the servers'
# key and certificate signed by it (tls.key, tls.crt), valid for two years, naming `nats`,
# `localhost` and 127.0.0.1 (docker-compose.yml's server, also as published on this machine) and
# every further name given (deploy/k8s's servers: nats-0.nats nats-1.nats nats-2.nats).
# Usage: deploy/nats/make-tls.sh <folder> [name…]    for docker compose: deploy/nats/make-tls.sh deploy/nats/tls
# The folder holds private keys: keep it out of version control (deploy/nats/tls is ignored), and
# give the apps ca.crt alone.
set -eu
dir=${1:?usage: make-tls.sh <folder> [name…]}
shift
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"
if [ -e tls.crt ]; then
  echo "nats: $dir/tls.crt exists already; remove the folder's files to make new ones" >&2
  exit 1
fi
names="DNS:nats,DNS:localhost,IP:127.0.0.1"
for name in "$@"; do names="$names,DNS:$name"; done
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
  -subj /CN=cirkel-nats-ca -days 730 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout tls.key -out tls.csr -subj /CN=nats 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=critical,CA:FALSE\n' "$names" > tls.ext
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tls.crt -days 730 -extfile tls.ext 2>/dev/null
rm -f tls.csr tls.ext ca.srl
# the certificates are public; the keys stay the owner's. The server in docker compose reads tls.key
# as the image's user: the container gets the folder read-only.
chmod 644 ca.crt tls.crt
chmod 600 ca.key tls.key
echo "nats: made $dir/ca.crt, tls.crt and tls.key for $names"
