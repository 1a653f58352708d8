import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { APPS } from '@cirkel/contracts';

/** docker-compose.yml: safe by default, the demo a named profile (issue 7, "Defaults that are safe"). */
interface ComposeService {
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
}
const compose = parse(readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const byDefault = Object.entries(compose.services).filter(([, service]) => !service.profiles?.length);

it('runs every app by default and seeds nothing, nor sets a demo password, unless the demo profile is asked for', () => {
  const names = byDefault.map(([name]) => name);
  for (const app of APPS) expect(names).toContain(app.name);
  for (const [name, service] of byDefault) {
    expect({ name, seeds: JSON.stringify(service.command ?? []).includes('seed') }).toEqual({ name, seeds: false });
    expect(`${name}: ${JSON.stringify(service.environment ?? {})}`).not.toMatch(/SEED|cirkel-demo/);
  }
  const seeding = Object.entries(compose.services).filter(([, service]) => JSON.stringify(service.command ?? []).includes('seed'));
  expect(seeding.map(([name, service]) => [name, service.profiles])).toEqual([['demo-seed', ['demo']]]);
});

it('publishes ports on this machine only: nothing listens on every interface', () => {
  const published = Object.entries(compose.services).flatMap(([name, service]) => (service.ports ?? []).map((port) => [name, port]));
  expect(published.length).toBeGreaterThan(0);
  expect(published.filter(([, port]) => !port.startsWith('127.0.0.1:'))).toEqual([]);
});
