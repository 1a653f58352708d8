/**
 * Times the weekly city digest, rendered and sent to many city-staff readers, against the same
 * number of pre-rendered e-mails sent with bare nodemailer, in the same run, to the same SMTP server.
 *
 *   npm run bench:digest -- [--recipients 10000]
 *
 * Starts a counting SMTP server (smtp-server) in this process and the notifications app as a
 * process of its own in a namespace of its own (`SMTP_URL` pointing at that server), with
 * `--recipients` city staff in its recipient copy of one hub. Partners (`partners.get-contact`) and
 * reporting (`reporting.get-digest-figures` v2) are fakes in this process that answer at once. The
 * digest side adds one `notifications.city-digest` job, as the Monday scheduler does; its time runs
 * from that job's start until the SMTP server has accepted the last reader's e-mail (the digest
 * built once, a notification and an e-mail message per reader, one BullMQ send job per e-mail that
 * asks partners for the address, renders the reader's language and hands it over). The bare side
 * sends the same number of e-mails with nodemailer (pooled as the app's mailer: 2 connections),
 * each one of the digest's own e-mails as received (its subject, text and HTML, in the reader's
 * language), so only the library's work and the SMTP exchange remain. It prints both rates,
 * `ratio: X` (digest / bare) and the load average; a reader without exactly one e-mail fails it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { CityDigest, ContactView, DigestFiguresV2View, GetContact, GetDigestFiguresV2, SendEmail } from '@cirkel/contracts';
import { cleanupNamespace, ensureTestDatabase, FakeService, freePort, TEST_DATABASE_URL, testConfig, testEnvironment, testJobQueue, testNamespace, waitForJob } from '@cirkel/testing';
import { startApp } from './app-process';

const { values: args } = parseArgs({ options: { recipients: { type: 'string', default: '10000' }, 'timeout-s': { type: 'string', default: '1800' } } });
const RECIPIENTS = Number(args.recipients);
const HUB = randomUUID();
const log = (line: string) => process.stdout.write(`${line}\n`);

/** A reader's language, from their id: half Dutch, half English. */
const languageOf = (personId: string) => (createHash('sha1').update(personId).digest()[0] % 2 === 0 ? 'nl' : 'en');

interface Captured {
  subject: string;
  text: string;
  html: string;
}

/** An SMTP server that counts what it accepts per addressee and keeps one digest e-mail per language. */
class CountingSmtpServer {
  readonly accepted = new Map<string, number>();
  /** Addressees with at least one e-mail, per domain (`@digest.bench`). */
  private readonly reached = new Map<string, number>();
  readonly samples = new Map<string, Captured>();
  private server: SMTPServer | null = null;
  private waiters: { domain: string; count: number; resolve: () => void }[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 1_000_000,
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const sample = to[0].endsWith('@digest.bench') && this.samples.size < 2;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => sample && chunks.push(chunk));
        stream.on('end', () => {
          if (sample) this.keepSample(Buffer.concat(chunks).toString('utf8'));
          for (const address of to) {
            const before = this.accepted.get(address) ?? 0;
            this.accepted.set(address, before + 1);
            const domain = address.slice(address.indexOf('@'));
            if (before === 0) this.reached.set(domain, (this.reached.get(domain) ?? 0) + 1);
          }
          this.wake();
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  count(domain: string): number {
    return this.reached.get(domain) ?? 0;
  }

  /** Resolves once `count` addressees of `domain` have an e-mail. */
  until(domain: string, count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.count(domain)} of ${count} e-mails to ${domain} after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ domain, count, resolve: () => (clearTimeout(timer), resolve()) });
      this.wake();
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.count(w.domain) < w.count) return true;
      w.resolve();
      return false;
    });
  }

  private keepSample(raw: string): void {
    const parts = mimeParts(raw);
    const language = /lang="(nl|en)"/.exec(parts.html)?.[1] ?? (this.samples.has('nl') ? 'en' : 'nl');
    if (!this.samples.has(language)) this.samples.set(language, parts);
  }
}

/** The subject, text and HTML of a multipart/alternative e-mail as nodemailer writes it (quoted-printable or base64 parts). */
function mimeParts(raw: string): Captured {
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(unfolded)?.[1] ?? '';
  const decoded = (part: string) => {
    const [headers, ...body] = part.split(/\r?\n\r?\n/);
    const content = body.join('\r\n\r\n').trim();
    if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(content, 'base64').toString('utf8');
    if (/Content-Transfer-Encoding: quoted-printable/i.test(headers))
      return Buffer.from(content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    return content;
  };
  const parts = raw.split(`--${boundary}`).slice(1, -1);
  return {
    subject: decodeWords(subject),
    text: decoded(parts.find((p) => /Content-Type: text\/plain/i.test(p)) ?? ''),
    html: decoded(parts.find((p) => /Content-Type: text\/html/i.test(p)) ?? ''),
  };
}

function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

const figure = (value: number | null) => ({ value, suppressed: value === null });
const breakdown = (total: number | null, groups: Record<string, number | null>) => ({ total: figure(total), groups: Object.entries(groups).map(([group, count]) => ({ group, count: figure(count) })) });
/** Reporting's answer (version 2), with withheld counts: the digest renders every part of it. */
function figuresOf(week: string): DigestFiguresV2View {
  const activity = (n: number) => ({
    organisationsRegistered: breakdown(5 * n, { regular: 3 * n, social: 2 * n, startup: null }),
    organisationsApproved: breakdown(4 * n, { regular: 4 * n }),
    ideasSubmitted: breakdown(9 * n, { green: 5 * n, care: 4 * n, mobility: null }),
    stageMovements: breakdown(6 * n, { screening: 6 * n }),
    coaching: { sessionsHeld: figure(11 * n), hours: figure(16.5 * n) },
    programmes: { registrations: figure(null), attended: figure(20 * n) },
  });
  const figures = (n: number) => ({ jobsCreated: figure(7 * n), socialEconomyJobs: figure(null), fte: figure(5.5 * n), participantsEntered: figure(12 * n), participantsLeft: figure(null) });
  return {
    hubId: HUB,
    week: { key: week, from: '2026-11-23', to: '2026-11-29', figures: figures(1), activity: activity(1) },
    yearToDate: { key: '2026', from: '2026-01-01', to: '2026-11-29', figures: figures(12), activity: activity(12) },
    jobs: { year: 2026, target: { jobs: 150, socialJobs: 50, fte: 100, participants: 300 }, perMonth: Array.from({ length: 11 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, jobs: figure(i === 2 ? null : 5 + i) })) },
    rules: 'Counts of 1 to 4 are withheld, and so is what would reveal them.',
  };
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  const smtp = new CountingSmtpServer();
  await smtp.start();
  await ensureTestDatabase();
  const port = await freePort();
  log(`starting notifications in namespace ${namespace}, SMTP on ${smtp.port}…`);
  const app = startApp('notifications', { ...testEnvironment(namespace), PORT: String(port), SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  const config = testConfig('notifications', namespace);
  const fakes = new FakeService()
    .on(GetContact, (envelope): ContactView => {
      const { personId } = envelope.data as { personId: string };
      return { personId, name: `Staff ${personId.slice(0, 4)}`, email: `${personId}@digest.bench`, language: languageOf(personId) };
    })
    .on(GetDigestFiguresV2, (envelope) => figuresOf((envelope.data as { week: string }).week));
  const jobs = testJobQueue(CityDigest, namespace);
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  let failed = false;
  try {
    await fakes.start(config, [GetContact, GetDigestFiguresV2]);
    await app.ready();
    await db.connect();
    await db.query(`SET search_path TO "${config.database.schema}"`);
    await db.query(
      `INSERT INTO recipient (person_id, hub_id, name, language, hub_roles, updated_at, roles_version)
       SELECT gen_random_uuid(), $1, 'Staff ' || g, 'nl', ARRAY['city_staff'], now(), 1 FROM generate_series(1, $2) g`,
      [HUB, RECIPIENTS],
    );
    log(`${RECIPIENTS} city staff in hub ${HUB}`);

    log('the city digest…');
    const job = await jobs.queue.add(CityDigest.name, { hubId: HUB });
    const built = await waitForJob(jobs.queue, job.id ?? '', { timeoutMs: 600_000, intervalMs: 50 });
    if (built.state !== 'completed') throw new Error(`the digest job ended ${built.state}: ${built.job.failedReason ?? ''}`);
    const start = built.job.processedOn ?? Date.now();
    log(`  built and queued in ${(built.job.finishedOn ?? 0) - start} ms`);
    const progress = setInterval(() => log(`  ${smtp.count('@digest.bench')} of ${RECIPIENTS} so far`), 10_000);
    await smtp.until('@digest.bench', RECIPIENTS, Number(args['timeout-s']) * 1000).finally(() => clearInterval(progress));
    const digestMs = Date.now() - start;
    log(`  ${RECIPIENTS} e-mails accepted in ${digestMs} ms`);

    log('bare nodemailer, the same e-mails pre-rendered…');
    const samples = [...smtp.samples.values()];
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, pool: true, maxConnections: 2, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000 });
    const bareStart = Date.now();
    await Promise.all(
      Array.from({ length: RECIPIENTS }, (_, i) => {
        const mail = samples[i % samples.length];
        return transport.sendMail({ from: 'Cirkel <no-reply@cirkel.test>', to: `reader-${i}@bare.bench`, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${randomUUID()}@bench>` });
      }),
    );
    const bareMs = Date.now() - bareStart;
    transport.close();
    log(`  ${RECIPIENTS} e-mails accepted in ${bareMs} ms`);

    const twice = [...smtp.accepted.entries()].filter(([, n]) => n !== 1);
    const digestRate = RECIPIENTS / (digestMs / 1000);
    const bareRate = RECIPIENTS / (bareMs / 1000);
    log('');
    log(`e-mail: ${samples.map((s) => `${s.subject} (${Buffer.byteLength(s.html)} bytes HTML)`).join('; ')}`);
    log(`digest: ${digestRate.toFixed(0)} e-mails/s (${RECIPIENTS} in ${(digestMs / 1000).toFixed(1)} s, build and queue included)`);
    log(`bare nodemailer: ${bareRate.toFixed(0)} e-mails/s (${RECIPIENTS} in ${(bareMs / 1000).toFixed(1)} s)`);
    log(`ratio: ${(digestRate / bareRate).toFixed(2)}`);
    log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (twice.length > 0 || smtp.count('@digest.bench') !== RECIPIENTS) {
      failed = true;
      log(`FAILED: ${twice.length} addressees without exactly one e-mail, ${smtp.count('@digest.bench')} digest readers reached`);
    }
  } catch (error) {
    const sends = testJobQueue(SendEmail, namespace);
    log(`send jobs: ${JSON.stringify(await sends.queue.getJobCounts())}; messages: ${JSON.stringify((await db.query('SELECT count(*), count(sent_at) AS sent FROM email_message')).rows)}`);
    await sends.queue.close();
    log(`notifications' last lines:\n${app.logs.slice(-30).join('')}`);
    throw error;
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await fakes.stop();
    await jobs.close();
    await db.end().catch(() => undefined);
    await smtp.stop();
    await cleanupNamespace(namespace);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
