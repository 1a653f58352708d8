import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { APPS } from '@cirkel/contracts';
import { natsPasswordVariable } from '@cirkel/messaging';
import { AUTH_CONF, NATS_AUTH_MANIFEST, renderAuthConf, renderNatsAuthManifest, START_SCRIPT } from '../nats-config';

/** The NATS accounts of deploy/ (issue 7): rendered from the list of apps, and used by compose and k8s. */
const ROOT = path.resolve(__dirname, '../..');

it('deploy/nats/auth.conf and deploy/k8s/nats-auth.yaml are what `npm run nats:render` makes now', () => {
  expect(readFileSync(AUTH_CONF, 'utf8')).toBe(renderAuthConf());
  expect(readFileSync(NATS_AUTH_MANIFEST, 'utf8')).toBe(renderNatsAuthManifest());
});

it('names a password per app, read from the environment, and holds none', () => {
  const conf = readFileSync(AUTH_CONF, 'utf8');
  expect([...new Set(conf.match(/NATS_PASSWORD_[A-Z_]+/g))].sort()).toEqual(APPS.map((app) => natsPasswordVariable(app.name)).sort());
  expect(conf).not.toMatch(/password: "/);
});

it('refuses to start the server while a password is missing or short', () => {
  const passwords = Object.fromEntries(APPS.map((app) => [natsPasswordVariable(app.name), 'x'.repeat(24)]));
  const start = (env: Record<string, string>) => spawnSync('sh', [START_SCRIPT, '-t', '-c', path.join(ROOT, 'deploy/nats/nats.conf')], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  const missing = start({ ...passwords, NATS_PASSWORD_IDEAS: '' });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/NATS_PASSWORD_IDEAS must hold a password of at least 16 characters/);
  expect(start({ ...passwords, NATS_PASSWORD_GATEWAY: 'short' }).status).toBe(1);
  const valid = start(passwords);
  expect(`${valid.stdout}${valid.stderr}`).toMatch(/configuration file .* is valid/);
});

it('gives every app of docker-compose.yml and deploy/k8s its own NATS user and password, and the servers all of them', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };
  for (const { name } of APPS) {
    expect({ name, env: compose.services[name].environment }).toMatchObject({ name, env: { NATS_USER: name, NATS_PASSWORD: `\${${natsPasswordVariable(name)}:-}` } });
    expect(compose.services.nats.environment).toHaveProperty(natsPasswordVariable(name));
  }
  const k8s = parseAllDocuments(readFileSync(path.join(ROOT, 'deploy/k8s/apps.yaml'), 'utf8')).map((d) => d.toJS());
  for (const { name } of APPS) {
    const env = k8s.find((m) => m.kind === 'Deployment' && m.metadata.name === name).spec.template.spec.containers[0].env;
    expect(env).toEqual(expect.arrayContaining([{ name: 'NATS_USER', value: name }, { name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'cirkel-nats-secrets', key: natsPasswordVariable(name) } } }]));
  }
  const nats = parseAllDocuments(readFileSync(path.join(ROOT, 'deploy/k8s/nats.yaml'), 'utf8')).map((d) => d.toJS());
  expect(nats.find((m) => m.kind === 'ConfigMap').data['nats.conf']).toContain('include auth.conf');
  const server = nats.find((m) => m.kind === 'StatefulSet').spec.template.spec.containers[0];
  expect(server.command).toEqual(['sh', '/etc/nats/start.sh', '--config', '/etc/nats/nats.conf']);
  expect(server.envFrom).toEqual([{ secretRef: { name: 'cirkel-nats-secrets' } }]);
});

it('has every app compare EVENTS_CONSUMED with its event handlers (apps/<app>/src/events-consumed.spec.ts)', () => {
  expect(APPS.map((app) => app.name).filter((name) => !existsSync(path.join(ROOT, `apps/${name}/src/events-consumed.spec.ts`)))).toEqual([]);
});
