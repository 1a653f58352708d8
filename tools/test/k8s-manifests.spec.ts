import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { connect } from 'nats';
import { parse, parseAllDocuments } from 'yaml';
import { SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT, servicePublicKeyVariable } from '@cirkel/config';
import { APPS } from '@cirkel/contracts';
import { natsPasswordVariable } from '@cirkel/messaging';
import { eventually } from '@cirkel/testing';
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
    // The grace period covers the preStop pause, two drains bounded by SHUTDOWN_DRAIN_MS (the job workers', then the transports') and a few seconds to close.
    const drainSeconds = Number(find('ConfigMap', 'cirkel-config')!.data!.SHUTDOWN_DRAIN_MS) / 1000;
    const preStopSeconds = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(drainSeconds).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStopSeconds + 2 * drainSeconds + 5);
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    // a private key only where it signs or opens: the gateway's, the services' asking on their own account, partners' that opens passwords
    const ownSecret = ['gateway', 'coaching', 'notifications', 'partners'].includes(app.name) ? [{ secretRef: { name: `cirkel-${app.name}-secrets` } }] : [];
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'cirkel-config' } }, { secretRef: { name: 'cirkel-secrets' } }, ...ownSecret]);
    expect(find('PodDisruptionBudget', app.name)).toBeDefined();
  }
  expect(find('Service', 'gateway')).toBeDefined();
  expect(find('Deployment', 'gateway')!.spec!.template.spec!.containers[0].lifecycle?.preStop?.sleep?.seconds).toBeGreaterThan(0);
});

it('has the gateway trust the one proxy in front of it, the Ingress (login limits count the client, not the proxy), and no other app trust any', () => {
  const envOf = (app: string): { name: string; value?: string }[] => find('Deployment', app)!.spec!.template.spec!.containers[0].env ?? [];
  expect(envOf('gateway').filter((e) => e.name === 'TRUST_PROXY_HOPS')).toEqual([{ name: 'TRUST_PROXY_HOPS', value: '1' }]);
  expect(find('ConfigMap', 'cirkel-config')!.data!.TRUST_PROXY_HOPS).toBeUndefined();
  for (const app of APPS.filter((a) => a.name !== 'gateway')) expect({ app: app.name, trusts: envOf(app.name).some((e) => e.name === 'TRUST_PROXY_HOPS') }).toEqual({ app: app.name, trusts: false });
});

it('gives every app the public key of each service asking on its own account, and each such service its own private key alone', () => {
  const stringData = (name: string) => (find('Secret', name) as unknown as { stringData: Record<string, string> }).stringData;
  const shared = stringData('cirkel-secrets');
  for (const service of SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT) {
    expect(shared[servicePublicKeyVariable(service)]).toMatch(/BEGIN PUBLIC KEY/);
    expect(stringData(`cirkel-${service}-secrets`).JWT_SERVICE_PRIVATE_KEY).toContain(`service-${service}-private.pem`);
  }
  // the one pair all of them shared before is gone
  expect(shared).not.toHaveProperty('JWT_SERVICE_PUBLIC_KEY');
  const privateKeys = documents.filter(({ doc }) => doc.kind === 'Secret' && 'JWT_SERVICE_PRIVATE_KEY' in ((doc as unknown as { stringData?: object }).stringData ?? {}));
  expect(privateKeys.map(({ doc }) => doc.metadata.name).sort()).toEqual(SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT.map((s) => `cirkel-${s}-secrets`).sort());
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

it("reloads the NATS servers when their accounts change, so that a release's consumers are allowed before its apps start (issue 6)", async () => {
  const pod = find('StatefulSet', 'nats')!.spec!.template.spec;
  expect(pod.shareProcessNamespace).toBe(true);
  const sidecar = pod.containers.find((c: { name: string }) => c.name === 'config-reloader');
  expect(sidecar.command).toEqual(['sh', '/etc/nats/reload.sh']);
  expect(sidecar.volumeMounts).toEqual(expect.arrayContaining([{ name: 'config', mountPath: '/etc/nats' }, { name: 'pid', mountPath: '/var/run/nats' }]));
  expect(find('ConfigMap', 'nats-auth')!.data!['reload.sh']).toBe(readFileSync(path.resolve(K8S, '../nats/reload.sh'), 'utf8'));

  // The script against a real nats-server: a user added to the accounts can connect after the reload.
  const dir = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-reload-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const users = (names: string[]) => `authorization { users: [ ${names.map((n) => `{ user: "${n}", password: "a-password-of-the-test" }`).join(', ')} ] }\n`;
  writeFileSync(path.join(dir, 'auth.conf'), users(['old']));
  writeFileSync(path.join(dir, 'nats.conf'), `port: ${port}\npid_file: ${path.join(dir, 'nats.pid')}\ninclude auth.conf\n`);
  const server = spawn('nats-server', ['-c', path.join(dir, 'nats.conf')], { stdio: 'ignore' });
  const reloader = spawn('sh', [path.resolve(K8S, '../nats/reload.sh')], { env: { ...process.env, CONFIG_DIR: dir, PID_FILE: path.join(dir, 'nats.pid'), RELOAD_CHECK_SECONDS: '0.2' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  reloader.stdout!.on('data', (chunk) => (said += chunk));
  const connects = (user: string) =>
    connect({ servers: `127.0.0.1:${port}`, user, pass: 'a-password-of-the-test', reconnect: false, timeout: 1000 }).then(
      (nc) => nc.close().then(() => true),
      () => false,
    );
  try {
    await eventually(async () => expect(await connects('old')).toBe(true));
    expect(await connects('new')).toBe(false);
    writeFileSync(path.join(dir, 'auth.conf'), users(['old', 'new']));
    await eventually(async () => expect(await connects('new')).toBe(true), { timeoutMs: 10_000 });
    expect(said).toContain('server reloaded');
  } finally {
    reloader.kill();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('applies every manifest file with kustomize but the example secret', () => {
  const kustomization = parse(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  expect([...kustomization.resources].sort()).toEqual(manifestFiles.filter((f) => !f.endsWith('.example.yaml')).sort());
});

describe('the nats-tls component (TLS to and between the NATS servers, when configured)', () => {
  interface Patch {
    path: string;
    target: { kind: string; name?: string; labelSelector?: string };
  }
  interface Operation {
    op: 'add' | 'replace';
    path: string;
    value: unknown;
  }
  const COMPONENT = path.join(K8S, 'nats-tls');
  const component = parse(readFileSync(path.join(COMPONENT, 'kustomization.yaml'), 'utf8')) as { kind: string; patches: Patch[] };

  /** RFC 6902 `add` and `replace`, as kustomize applies them (`-` appends to an array). */
  function apply(doc: Manifest, operations: Operation[]): void {
    for (const { op, path: pointer, value } of operations) {
      const keys = pointer.slice(1).split('/');
      const last = keys.pop() as string;
      const parent = keys.reduce<any>((at, key) => {
        if (at?.[key] === undefined) throw new Error(`${pointer}: no ${key} in ${doc.kind} ${doc.metadata.name}`);
        return at[key];
      }, doc);
      if (op === 'add' && Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, value);
      else if (op === 'replace' && parent[last] === undefined) throw new Error(`${pointer}: nothing to replace in ${doc.kind} ${doc.metadata.name}`);
      else parent[last] = value;
    }
  }

  function withComponent(): Manifest[] {
    const docs = documents.filter(({ file }) => !file.endsWith('.example.yaml')).map(({ doc }) => structuredClone(doc));
    for (const patch of component.patches) {
      const operations = parse(readFileSync(path.join(COMPONENT, patch.path), 'utf8')) as Operation[];
      const [label, value] = patch.target.labelSelector?.split('=') ?? [];
      const targets = docs.filter(
        (d) => d.kind === patch.target.kind && (!patch.target.name || d.metadata.name === patch.target.name) && (!label || (d.metadata as { labels?: Record<string, string> }).labels?.[label] === value),
      );
      expect({ patch: patch.path, targets: targets.length > 0 }).toEqual({ patch: patch.path, targets: true });
      for (const doc of targets) apply(doc, operations);
    }
    return docs;
  }

  it('is a component the kustomization can add, and leaves every manifest valid', () => {
    expect(component.kind).toBe('Component');
    const docs = withComponent();
    expect(docs.map((doc) => ({ kind: doc.kind, name: doc.metadata.name, errors: schemaErrors(doc) })).filter((d) => d.errors)).toEqual([]);
  });

  it('makes the servers require TLS of clients and routes, and every app connect with tls:// trusting the CA of cirkel-nats-tls alone', () => {
    const docs = withComponent();
    const get = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name)!;
    const config = get('ConfigMap', 'cirkel-config').data!;
    expect(config.NATS_URL.split(',')).toEqual([0, 1, 2].map((n) => `tls://nats-${n}.nats:4222`));
    const caFile = config.NATS_TLS_CA_FILE;
    for (const app of APPS) {
      const pod = get('Deployment', app.name).spec!.template.spec;
      const mount = pod.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === path.dirname(caFile));
      expect(mount).toMatchObject({ readOnly: true });
      // the CA only: an app never holds the servers' key
      expect(pod.volumes.find((v: { name: string }) => v.name === mount.name)).toEqual({ name: mount.name, secret: { secretName: 'cirkel-nats-tls', items: [{ key: 'ca.crt', path: path.basename(caFile) }] } });
    }
    const server = get('StatefulSet', 'nats').spec!.template.spec;
    const tlsMount = server.containers[0].volumeMounts.find((m: { name: string }) => server.volumes.find((v: { name: string; secret?: { secretName: string } }) => v.name === m.name)?.secret?.secretName === 'cirkel-nats-tls');
    const conf = get('ConfigMap', 'nats-config').data!['nats.conf'];
    const tlsBlocks = conf.match(/tls \{[^}]*\}/g) ?? [];
    expect(tlsBlocks).toHaveLength(2); // clients and routes
    for (const block of tlsBlocks) for (const file of ['tls.crt', 'tls.key', 'ca.crt']) expect(block).toContain(`${tlsMount.mountPath}/${file}`);
    // apart from TLS, the same server configuration as without it
    expect(conf.replace(/\n *tls \{[^}]*\}/g, '')).toBe(find('ConfigMap', 'nats-config')!.data!['nats.conf']);
  });

  it('gives nats-server a configuration it accepts, with TLS and without', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-tls-'));
    try {
      // the certificates as nats-tls-secret.example.yaml makes them
      execFileSync('sh', [path.resolve(K8S, '../nats/make-tls.sh'), dir, 'nats-0.nats', 'nats-1.nats', 'nats-2.nats'], { stdio: 'ignore' });
      writeFileSync(path.join(dir, 'auth.conf'), readFileSync(path.resolve(K8S, '../nats/auth.conf'), 'utf8'));
      const local = (conf: string) => conf.replace(/\/etc\/nats-tls/g, dir).replace(/\/data\b/g, path.join(dir, 'data')).replace(/\/var\/run\/nats/g, dir);
      const base = find('ConfigMap', 'nats-config')!.data!['nats.conf'];
      const tls = withComponent().find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'nats-config')!.data!['nats.conf'];
      for (const [name, conf] of [['base.conf', base], ['tls.conf', tls]]) {
        writeFileSync(path.join(dir, name), local(conf));
        const passwords = Object.fromEntries(APPS.map((app) => [natsPasswordVariable(app.name), 'a-password-of-the-test']));
        const checked = spawnSync('nats-server', ['-c', path.join(dir, name), '-t'], { env: { ...process.env, ...passwords, POD_NAME: 'nats-0' }, encoding: 'utf8' });
        expect({ name, output: `${checked.stdout}${checked.stderr}`.trim(), status: checked.status }).toEqual({ name, output: expect.stringMatching(/is valid$/), status: 0 });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
