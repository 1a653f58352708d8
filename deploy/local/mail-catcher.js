'use strict';
// npm start's mail catcher: an SMTP server in this process (smtp-server) that keeps every e-mail
// Cirkel sends as an .eml file under .data/mail/ (open one with any mail program) and logs a line
// for each. Nothing leaves the machine. Port 1025, or a free one if 1025 is taken.

const fs = require('node:fs');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');
const { label } = require('./common');

async function startMailCatcher(dir) {
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        const subject = subjectOf(raw);
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
        fs.writeFile(file, raw, (error) => {
          console.log(`${label('mail')} to ${to}: ${subject}  → ${path.relative(process.cwd(), file)}`);
          callback(error ?? undefined);
        });
      });
    },
  });
  const port = await listen(server, 1025).catch(() => listen(server, 0));
  return { url: `smtp://127.0.0.1:${port}`, dir, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The Subject header as a person reads it: unfolded, its RFC 2047 encoded words decoded (nodemailer
 * encodes every subject with a non-ASCII character — „”, ’, é — and splits a long one over lines).
 * Adjacent words are joined as bytes before decoding, since a character may be split between two.
 */
function subjectOf(raw) {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Subject:[ \t]*(.*)$/im.exec(head)?.[1] ?? '';
  return value.replace(/(?:=\?[^?]+\?[QqBb]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g)].map(([, , encoding, text]) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1'),
    );
    return Buffer.concat(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  }).trim();
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', onError);
      resolve(server.server.address().port);
    });
  });
}

module.exports = { startMailCatcher, subjectOf };
