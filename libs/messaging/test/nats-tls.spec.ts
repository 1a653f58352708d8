import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, PrivateNats, testConfig, testNamespace } from '@cirkel/testing';
import { connectNats } from '../src';

/**
 * Issue 7, "TLS when configured": an app given NATS_TLS_CA_FILE (and a tls:// URL) connects to a
 * nats-server that requires TLS and checks the server's certificate against that CA; without the
 * CA it refuses the server (a certificate it cannot trust), whatever the URL's scheme: nothing
 * crosses in clear. Certificates are made here with openssl for 127.0.0.1 (and localhost, the name
 * nats.js checks an IP server under).
 */
let folder: string;
let nats: PrivateNats;
const namespace = testNamespace();

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: folder, stdio: 'ignore' });
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'cirkel-nats-tls-'));
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=cirkel test CA');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(path.join(folder, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.ext');
  nats = PrivateNats.create(await freePort(), ['--tls', '--tlscert', path.join(folder, 'server.pem'), '--tlskey', path.join(folder, 'server.key')]);
  await nats.restart();
}, 30_000);

afterAll(async () => {
  await nats?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const url = () => `tls://127.0.0.1:${nats.port}`;

it('connects over TLS with the CA of NATS_TLS_CA_FILE, and JetStream answers', async () => {
  const config = testConfig('partners', namespace, { NATS_URL: url(), NATS_TLS_CA_FILE: path.join(folder, 'ca.pem') });
  expect(config.nats.tls).toEqual({ caFile: path.join(folder, 'ca.pem') });
  const nc = await connectNats(config);
  try {
    expect(nc.info?.tls_required).toBe(true);
    expect((await (await nc.jetstreamManager()).getAccountInfo()).streams).toBeGreaterThanOrEqual(0);
  } finally {
    await nc.close();
  }
});

it('refuses a server whose certificate it cannot trust (no CA given), on a nats:// URL too: the client upgrades to the TLS the server requires', async () => {
  const untrusting = testConfig('partners', namespace, { NATS_URL: url() });
  await expect(connectNats(untrusting).then((nc) => nc.close())).rejects.toThrow(/certificate/i);
  const plain = testConfig('partners', namespace, { NATS_URL: `nats://127.0.0.1:${nats.port}` });
  expect(plain.nats.tls).toBeUndefined();
  await expect(connectNats(plain).then((nc) => nc.close())).rejects.toThrow(/certificate/i);
}, 20_000);
