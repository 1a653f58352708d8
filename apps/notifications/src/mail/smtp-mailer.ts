import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
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

/** Hands e-mails to the SMTP server (nodemailer, pooled connections). */
@Injectable()
export class SmtpMailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

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
    const info = await this.transport.sendMail({
      from: this.settings.mail.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: email.headers,
    });
    return String(info.response);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
