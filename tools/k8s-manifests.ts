/**
 * Renders `deploy/k8s/apps.yaml` — a Deployment per app (and a Service for the gateway) — from the
 * one list of apps (`libs/contracts/src/shared/apps.ts`), so adding an app adds its manifests:
 *
 *   npm run k8s:render
 *
 * `tools/test/k8s-manifests.spec.ts` fails when the file is stale, and validates every manifest
 * under deploy/k8s against the Kubernetes schemas.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { OPENS_PASSWORDS, SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT } from '@cirkel/config';
import { APPS, AppName } from '@cirkel/contracts';
import { natsPasswordVariable } from '@cirkel/messaging';

export const APPS_MANIFEST = path.resolve(__dirname, '../deploy/k8s/apps.yaml');

/** Every app listens on this port in its container (deploy/Dockerfile). */
const PORT = 3000;
/**
 * How long a pod may take to stop: the gateway's preStop pause (5 s), then two drains each bounded by
 * SHUTDOWN_DRAIN_MS (30 s in config.yaml) — the job workers' active jobs, then the event batch and the
 * requests in hand — and a few seconds to close the connections: 5 + 2 × 30 + 5.
 */
const GRACE_SECONDS = 70;

/**
 * The proxies in front of the gateway whose X-Forwarded-For and -Proto it trusts: the Ingress
 * controller, which terminates TLS and proxies HTTP to the gateway's Service (kube-proxy forwards
 * packets, it is no HTTP hop). Without it every client counts as the controller's address in the
 * login limits, and HSTS is never sent. One more for an HTTP load balancer in front of the
 * controller; the controller itself must see the client's address (externalTrafficPolicy: Local, or
 * the PROXY protocol from an L4 load balancer) — deploy/README.md.
 */
const GATEWAY_TRUSTED_PROXY_HOPS = 1;

/** Requests from the measured idle resident memory (91–100 MiB per app two minutes after start, up to 120 in the first minute, docs/measurements.md) and CPU at rest; limits leave room for load. */
const RESOURCES = { requests: { cpu: '100m', memory: '160Mi' }, limits: { cpu: '1', memory: '384Mi' } };

/**
 * The private keys, each in a secret of its own that only its app reads: the gateway's (signs
 * access tokens; with the public key it seals passwords to), that of the services asking on their
 * own account (notifications), and partners' key that opens the passwords. Every app reads the
 * public keys of the tokens from cirkel-secrets.
 */
function privateKeySecrets(app: AppName) {
  if (app === 'gateway') return [{ secretRef: { name: 'cirkel-gateway-secrets' } }];
  if (SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.includes(app) || OPENS_PASSWORDS.includes(app)) return [{ secretRef: { name: `cirkel-${app}-secrets` } }];
  return [];
}

function deployment(app: AppName) {
  const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'cirkel' };
  const probe = (pathName: string, periodSeconds: number, failureThreshold: number) => ({ httpGet: { path: pathName, port: 'http' }, periodSeconds, timeoutSeconds: 3, failureThreshold });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          terminationGracePeriodSeconds: GRACE_SECONDS,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': app } } }],
          containers: [
            {
              name: app,
              image: `cirkel/${app}:latest`,
              ports: [{ name: 'http', containerPort: PORT }],
              env: [
                { name: 'APP', value: app },
                // its own NATS account: the server gives this user only the app's subjects (nats-auth.yaml)
                { name: 'NATS_USER', value: app },
                { name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'cirkel-nats-secrets', key: natsPasswordVariable(app) } } },
                // its own Postgres role, which may use only its schema; the owner of its schema alone for its
                // migrations — not one owner of every schema, whose login in every pod would open them all (docs/security.md)
                { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'cirkel-database-secrets', key: `DATABASE_URL_${app.toUpperCase()}` } } },
                { name: 'DATABASE_MIGRATION_URL', valueFrom: { secretKeyRef: { name: 'cirkel-database-secrets', key: `DATABASE_MIGRATION_URL_${app.toUpperCase()}` } } },
                { name: 'PORT', value: String(PORT) },
                { name: 'HOST', value: '0.0.0.0' },
                ...(app === 'gateway' ? [{ name: 'TRUST_PROXY_HOPS', value: String(GATEWAY_TRUSTED_PROXY_HOPS) }] : []),
              ],
              envFrom: [{ configMapRef: { name: 'cirkel-config' } }, { secretRef: { name: 'cirkel-secrets' } }, ...privateKeySecrets(app)],
              // Kubernetes takes a stopping gateway out of the Service's endpoints while it signals it: the
              // gateway keeps answering a few seconds first, so no request meets a closed port (native sleep, 1.30+).
              ...(app === 'gateway' ? { lifecycle: { preStop: { sleep: { seconds: 5 } } } } : {}),
              startupProbe: probe('/health/live', 2, 60),
              livenessProbe: probe('/health/live', 10, 3),
              readinessProbe: probe('/health/ready', 5, 2),
              resources: RESOURCES,
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function gatewayService() {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'gateway', labels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/part-of': 'cirkel' } },
    spec: { selector: { 'app.kubernetes.io/name': 'gateway' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function disruptionBudget(app: AppName) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': app } } },
  };
}

/** The manifests of every app, in the order of APPS. */
export function appManifests(): object[] {
  return APPS.flatMap((app) => [deployment(app.name), disruptionBudget(app.name), ...(app.name === 'gateway' ? [gatewayService()] : [])]);
}

export function renderAppsYaml(): string {
  const header = '# Rendered by `npm run k8s:render` (tools/k8s-manifests.ts) from libs/contracts/src/shared/apps.ts: do not edit by hand.\n';
  return header + appManifests().map((doc) => `---\n${stringify(doc)}`).join('');
}

if (require.main === module) {
  writeFileSync(APPS_MANIFEST, renderAppsYaml());
  console.log(`k8s: wrote ${path.relative(process.cwd(), APPS_MANIFEST)} (${appManifests().length} manifests)`);
}
