import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { NOTIFICATIONS_SETTINGS, NotificationsSettings } from '../notifications.config';

export interface OutgoingEmail {
  /** Also the `Message-ID`, so that a receiver can recognise a message handed over twice. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** The longest a send may take, queued in the pool included (a server that trickles its replies is caught by no socket timeout). */
const SEND_DEADLINE_MS = 60_000;

/** nodemailer 10's pool: `close({ force })` also ends the connections in the middle of a delivery (@types/nodemailer 8 does not know it). */
interface ForceClosable {
  close(options?: { force?: boolean }): void;
}

/**
 * Hands e-mails to the SMTP server (nodemailer, pooled connections). On shutdown it gives up on
 * what it is sending at once: a send job waits for its e-mail, and the workers' close waits for the
 * send jobs, so an SMTP server that is gone (no greeting for 5 s, twice over with four sends on two
 * connections, or a server that stalls) held the process past its grace period. A send cut short
 * fails its attempt and is retried by the job (on another replica, or after the restart); it is
 * sent once all the same (see EmailSender).
 */
@Injectable()
export class SmtpMailer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly closing = new AbortController();

  constructor(@Inject(NOTIFICATIONS_SETTINGS) private readonly settings: NotificationsSettings) {
    const url = new URL(settings.mail.smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15000,
    });
  }

  /** Answers the server's reply once it accepted the message; throws when it did not. */
  async send(email: OutgoingEmail): Promise<string> {
    if (this.closing.signal.aborted) throw new Error('notifications is shutting down; the e-mail is sent by the next attempt');
    // nodemailer 10 honours `signal` (a queued message leaves the pool, a delivery's connection is closed).
    const options: SendMailOptions & { signal: AbortSignal } = {
      from: this.settings.mail.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: email.headers,
      signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(SEND_DEADLINE_MS)]),
    };
    const info = await this.transport.sendMail(options);
    return String(info.response);
  }

  /** Before the workers close (the same module's hooks run together): every send under way fails now. */
  beforeApplicationShutdown(): void {
    this.closing.abort(new Error('notifications is shutting down'));
    (this.transport as unknown as ForceClosable).close({ force: true });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
