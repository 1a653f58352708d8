import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parse, parseAllDocuments } from 'yaml';
import { APPS } from '@cirkel/contracts';
import { APPS_MANIFEST, renderAppsYaml } from '../k8s-manifests';

/** deploy/k8s: every manifest valid against the Kubernetes schemas, and what production needs of each app. */
const K8S = path.dirname(APPS_MANIFEST);
const MODELS: Record<string, new (doc: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, any>;
  data?: Record<string, string>;
}

const manifestFiles = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const documents: { file: string; doc: Manifest }[] = manifestFiles.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((d) => ({ file, doc: d.toJS() as Manifest })),
);
const find = (kind: string, name: string) => documents.find((d) => d.doc.kind === kind && d.doc.metadata.name === name)?.doc;

/** The schema errors of a manifest, or null when it is valid. */
function schemaErrors(doc: Manifest): string | null {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return `no schema known for ${doc.apiVersion} ${doc.kind}`;
  try {
    new Model(doc as never).validate();
    return null;
  } catch (error) {
    return String(error);
  }
}

it('holds apps.yaml as rendered from the list of apps (npm run k8s:render after adding an app)', () => {
  expect(readFileSync(APPS_MANIFEST, 'utf8')).toBe(renderAppsYaml());
});

it('validates every manifest against the Kubernetes schemas', () => {
  expect(documents.length).toBeGreaterThanOrEqual(APPS.length + 5);
  expect(documents.map(({ file, doc }) => ({ file, kind: doc.kind, name: doc.metadata.name, errors: schemaErrors(doc) })).filter((d) => d.errors)).toEqual([]);
});

it('would refuse a manifest that breaks the schema', () => {
  const deployment = structuredClone(find('Deployment', 'partners')!);
  deployment.spec!.replicas = 'two';
  expect(schemaErrors(deployment)).toMatch(/replicas/);
});

it('runs every app twice, with probes, resources and a grace period longer than its drain', () => {
  for (const app of APPS) {
    const deployment = find('Deployment', app.name);
    expect({ app: app.name, found: Boolean(deployment) }).toEqual({ app: app.name, found: true });
    const pod = deployment!.spec!.template.spec;
    const [container] = pod.containers;
    expect(deployment!.spec!.replicas).toBe(2);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(45);
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    // a private key only where it signs or opens: the gateway's, the services' asking on their own account, partners' that opens passwords
    const ownSecret = ['gateway', 'notifications', 'partners'].includes(app.name) ? [{ secretRef: { name: `cirkel-${app.name}-secrets` } }] : [];
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'cirkel-config' } }, { secretRef: { name: 'cirkel-secrets' } }, ...ownSecret]);
    expect(find('PodDisruptionBudget', app.name)).toBeDefined();
  }
  expect(find('Service', 'gateway')).toBeDefined();
});

it('gives every app its own database role and the owner of its own schema alone (an owner of every schema in every pod would open them all)', () => {
  const keysOf = (app: string) => {
    const env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] = find('Deployment', app)!.spec!.template.spec.containers[0].env;
    const key = (name: string) => env.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    return { user: key('DATABASE_URL'), owner: key('DATABASE_MIGRATION_URL') };
  };
  const example = (find('Secret', 'cirkel-database-secrets') as unknown as { stringData: Record<string, string> }).stringData;
  const owners = new Set<string>();
  for (const app of APPS) {
    const { user, owner } = keysOf(app.name);
    expect({ app: app.name, user, owner }).toEqual({
      app: app.name,
      user: { name: 'cirkel-database-secrets', key: `DATABASE_URL_${app.name.toUpperCase()}` },
      owner: { name: 'cirkel-database-secrets', key: `DATABASE_MIGRATION_URL_${app.name.toUpperCase()}` },
    });
    expect(example[owner!.key]).toBeDefined();
    owners.add(new URL(example[owner!.key]).username);
  }
  expect(owners.size).toBe(APPS.length);
});

it('runs NATS as a cluster of three with JetStream that every app knows in full', () => {
  const nats = find('StatefulSet', 'nats')!;
  expect(nats.spec!.replicas).toBe(3);
  const conf = find('ConfigMap', 'nats-config')!.data!['nats.conf'];
  expect(conf).toContain('jetstream');
  for (const n of [0, 1, 2]) expect(conf).toContain(`nats://nats-${n}.nats:6222`);
  expect(find('ConfigMap', 'cirkel-config')!.data!.NATS_URL.split(',')).toEqual([0, 1, 2].map((n) => `nats://nats-${n}.nats:4222`));
  expect(find('ConfigMap', 'cirkel-config')!.data!.NODE_ENV).toBe('production');
});

it('applies every manifest file with kustomize but the example secret', () => {
  const kustomization = parse(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  expect([...kustomization.resources].sort()).toEqual(manifestFiles.filter((f) => !f.endsWith('.example.yaml')).sort());
});
