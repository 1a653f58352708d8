import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** `npm start`'s mail catcher (deploy/local/mail-catcher.js): what the apps send is an .eml file under its folder, and a readable log line. */
const { startMailCatcher } = require(path.resolve(__dirname, '../../deploy/local/mail-catcher.js')) as {
  startMailCatcher(dir: string): Promise<{ url: string; dir: string; close(): Promise<void> }>;
};

let dir: string;
let taken: Server | null = null;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mail-catcher-'));
  // 1025 held (by this test, or by an `npm start` running on this machine): the catcher takes a free port.
  const blocker = createServer();
  taken = await new Promise<Server | null>((resolve) => blocker.once('error', () => resolve(null)).listen(1025, '127.0.0.1', () => resolve(blocker)));
});

afterAll(() => {
  taken?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps each e-mail as an .eml file under its folder and logs its addressee and its subject as written, on another port if 1025 is taken', async () => {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const catcher = await startMailCatcher(path.join(dir, 'mail'));
  try {
    expect(catcher.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(catcher.url).not.toBe('smtp://127.0.0.1:1025');
    const subject = '„Herstelatelier Winterslag”: van screening naar coaching — een nieuwe stap voor het idee van de vzw’s';
    const transport = nodemailer.createTransport(catcher.url);
    await transport.sendMail({ from: 'Cirkel <no-reply@cirkel.test>', to: 'lid@partner.test', subject, text: 'Dag lid,', html: '<p>Dag lid,</p>' });
    transport.close();

    const files = readdirSync(path.join(dir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = readFileSync(path.join(dir, 'mail', files[0]), 'utf8');
    expect(eml).toMatch(/^To: lid@partner\.test$/m);
    expect(eml).toContain('Dag lid,');
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m); // encoded, as every mail program expects: the log line decodes it
    expect(lines.filter((l) => l.includes('lid@partner.test'))).toEqual([
      `[mail         ] to lid@partner.test: ${subject}  → ${path.relative(process.cwd(), path.join(dir, 'mail', files[0]))}`,
    ]);
  } finally {
    log.mockRestore();
    await catcher.close();
  }
});
