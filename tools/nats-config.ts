/**
 * Renders the NATS accounts of the apps — a user per app with its own subjects (docs/security.md,
 * "What crosses the bus") — from the one list of apps, so that they cannot drift from the code:
 *
 *   npm run nats:render
 *
 * writes `deploy/nats/auth.conf` (docker-compose.yml's server includes it) and
 * `deploy/k8s/nats-auth.yaml` (a ConfigMap with the same file, deploy/nats/start.sh and
 * deploy/nats/reload.sh, mounted beside nats.yaml's nats.conf). The passwords are never in them: the server reads each from its
 * environment (`NATS_PASSWORD_<APP>`). `tools/test/nats-config.spec.ts` fails when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { natsAuthorization } from '@cirkel/messaging';

export const AUTH_CONF = path.resolve(__dirname, '../deploy/nats/auth.conf');
export const START_SCRIPT = path.resolve(__dirname, '../deploy/nats/start.sh');
export const RELOAD_SCRIPT = path.resolve(__dirname, '../deploy/nats/reload.sh');
export const NATS_AUTH_MANIFEST = path.resolve(__dirname, '../deploy/k8s/nats-auth.yaml');

/** The production accounts: no namespace, passwords from the server's environment. */
export function renderAuthConf(): string {
  return `# Rendered by \`npm run nats:render\` from the list of apps (libs/messaging/src/nats-permissions.ts): do not edit.\n${natsAuthorization({ subjectPrefix: '', streamPrefix: '' })}`;
}

export function renderNatsAuthManifest(): string {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'nats-auth', labels: { 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/part-of': 'cirkel' } },
    data: { 'auth.conf': renderAuthConf(), 'start.sh': readFileSync(START_SCRIPT, 'utf8'), 'reload.sh': readFileSync(RELOAD_SCRIPT, 'utf8') },
  };
  return `# Rendered by \`npm run nats:render\` (tools/nats-config.ts): do not edit.\n${stringify(configMap, { lineWidth: 0 })}`;
}

if (require.main === module) {
  writeFileSync(AUTH_CONF, renderAuthConf());
  writeFileSync(NATS_AUTH_MANIFEST, renderNatsAuthManifest());
}
