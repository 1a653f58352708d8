#!/bin/sh
# Reloads nats-server when its configuration changes: a release's NATS accounts (nats-auth, rendered
# by npm run nats:render) reach the pod's volume when the ConfigMap changes, and nats-server reads
# them only on a reload signal. Runs beside the server in its pod (shareProcessNamespace), the
# image's nats-server sending the signal. Usage: reload.sh   (CONFIG_DIR, PID_FILE, RELOAD_CHECK_SECONDS)
set -u
dir=${CONFIG_DIR:-/etc/nats}
pid=${PID_FILE:-/var/run/nats/nats.pid}
every=${RELOAD_CHECK_SECONDS:-10}
digest() { cat "$dir"/*.conf 2>/dev/null | md5sum; }
last=$(digest)
while sleep "$every"; do
  now=$(digest)
  [ "$now" = "$last" ] && continue
  if [ -s "$pid" ] && nats-server --signal "reload=$pid"; then
    echo "nats: configuration changed, server reloaded"
    last=$now
  else
    echo "nats: configuration changed, reload failed; trying again in ${every} s" >&2
  fi
done
