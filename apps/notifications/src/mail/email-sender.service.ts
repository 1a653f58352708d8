import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { AnswerOf, DIGEST_UNSUBSCRIBES, DigestUnsubscribe, DomainError, GetContact, GetEmailDelivery, Language, MarkEmailDeliverySent, NOTIFICATION_CATEGORIES, NotificationCategory, RequestContract, SentInputOf } from '@cirkel/contracts';
import { NotificationPreferencesService } from '../preferences/notification-preferences.service';
import { RequestClient } from '@cirkel/messaging';
import { EmailMessage } from './email-message.entity';
import { EmailMessageRepository } from './email-message.repository';
import { cityDigestValues } from '../digests/city-digest-figures';
import { CityDigestRepository } from '../digests/city-digest.repository';
import { DigestItemRepository } from '../digests/digest-item.repository';
import { IdeaCopyRepository } from '../ideas/idea-copy.repository';
import { ideaIdsOf, withIdeaTitle } from '../ideas/idea-titles';
import { hasNotificationText, renderNotification } from '../notifications/notification-messages';
import { escapeHtml, MailTemplates } from './mail-templates';
import { brusselsDateTime, calendarDay } from './brussels-time';
import { workDomainLabel } from './work-domain-labels';
import { SmtpMailer } from './smtp-mailer';

/** An e-mail ready to render: who gets it, in which language, with which values. */
interface Addressed {
  to: string;
  language: Language;
  values: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * How long a send attempt holds its claim on a message: longer than asking partners (the request
 * timeout) and the SMTP conversation can take (nodemailer's connection, greeting and socket timeouts,
 * and the wait for one of its pooled connections), so that only a crashed attempt's claim runs out.
 */
const CLAIM_MS = 5 * 60_000;

/**
 * How long an e-mail about an idea whose title is not known yet (a move handled before
 * `ideas.submitted`) waits for it, retried by its job; after that it goes, naming "an idea".
 */
const WAIT_FOR_IDEA_TITLE_MS = 10 * 60_000;

/** Answers of partners that no retry changes: the message is given up on. */
const REFUSED_FOR_GOOD = new Set([400, 403, 409, 410, 422]);

/**
 * Sends one `email_message`, once: an attempt claims the message (one statement), asks partners and
 * the SMTP server with no transaction open, then marks it sent and logs the attempt in one short
 * transaction; a message already sent is skipped, one claimed by another attempt is retried later,
 * and the attempt is logged whatever happens. What it says is asked for and rendered at sending
 * time (partners' address and link; the templates in the recipient's language). Not a row lock held
 * across the conversation: that kept a pooled connection idle in transaction as long as the SMTP
 * server took (four digests at once with a pool of four waited on each other for good) and held
 * back PostgreSQL's cleanup in every schema of the database. If the server takes a message and the
 * mark then fails, the claim runs out and the message goes again (with the same `Message-ID`).
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);
  private readonly templates = new MailTemplates();

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: EmailMessageRepository,
    private readonly mailer: SmtpMailer,
    private readonly requests: RequestClient,
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly preferences: NotificationPreferencesService,
    private readonly digestItems: DigestItemRepository,
    private readonly cityDigests: CityDigestRepository,
    private readonly ideas: IdeaCopyRepository,
  ) {}

  /** Answers what happened: `sent`, `already-sent`, `abandoned`; throws (to be retried) when the SMTP server or partners did not take it, or another attempt holds it. */
  async send(messageId: string): Promise<'sent' | 'already-sent' | 'abandoned'> {
    const claim = randomUUID();
    let claimed = false;
    try {
      const message = await this.messages.claim(messageId, claim, CLAIM_MS);
      if (!message) return await this.unclaimed(messageId);
      claimed = true;
      return await this.deliver(message, claim);
    } catch (error) {
      // Partners refused the request (not a 404, not an outage): no later attempt would do better.
      if (claimed && error instanceof UnrecoverableError) return this.abandon(messageId, error.message);
      if (claimed) await this.messages.release(messageId, claim).catch(() => undefined);
      await this.messages.logAttempt(null, messageId, 'failed', (error as Error).message).catch(() => undefined);
      throw error;
    }
  }

  /** Gives the message up with its reason (in one transaction with the attempt's log line): the sweep leaves it alone. */
  private async abandon(messageId: string, reason: string): Promise<'abandoned'> {
    await this.dataSource.transaction(async (manager) => {
      await this.messages.markAbandoned(manager, messageId, reason);
      await this.messages.logAttempt(manager, messageId, 'abandoned', reason);
    });
    return 'abandoned';
  }

  /** Why a message could not be claimed: sent, given up on, not there yet (its transaction has not committed: the retry finds it), or being sent. */
  private async unclaimed(messageId: string): Promise<'already-sent' | 'abandoned'> {
    const message = await this.messages.find(messageId);
    if (!message) throw new Error(`e-mail message ${messageId} does not exist (yet)`);
    if (message.sentAt) return 'already-sent';
    if (message.abandonedAt) return 'abandoned';
    throw new Error(`e-mail message ${messageId} is being sent by another attempt (claimed until ${message.claimedUntil?.toISOString()})`);
  }

  private async deliver(message: EmailMessage, claim: string): Promise<'sent' | 'abandoned'> {
    const addressed = await this.address(message);
    if (!addressed) return this.abandon(message.id, `${message.source} has no ${message.sourceId}`);
    const rendered = this.templates.render(message.kind, addressed.language, addressed.values);
    const messageIdHeader = `<${message.id}@${new URL(this.config.http.publicUrl).hostname}>`;
    const response = await this.mailer.send({ messageId: messageIdHeader, to: addressed.to, ...rendered, headers: addressed.headers });
    const held = await this.dataSource.transaction(async (manager) => {
      const marked = await this.messages.markSent(manager, message.id, claim, addressed.to, addressed.language);
      await this.messages.logAttempt(manager, message.id, 'sent', marked ? response : `${response} (after its claim ran out)`);
      return marked;
    });
    if (!held) this.logger.warn(`e-mail ${message.kind} ${message.id} sent after its claim ran out: it may go twice`);
    this.logger.log(`e-mail ${message.kind} ${message.id} sent (${response})`);
    if (message.source === 'partners') await this.tellPartnersSent(message);
    return 'sent';
  }

  /**
   * Tells partners its e-mail went, once it is marked sent here (a retry before that would still
   * need the link): partners forgets the link. Not retried if it fails — the e-mail is sent; partners
   * clears a link never said sent once it is older than the longest link lifetime.
   */
  private async tellPartnersSent(message: EmailMessage): Promise<void> {
    await this.requests
      .send(MarkEmailDeliverySent, { token: null, hubId: message.hubId, correlationId: `email-${message.id}`, data: { deliveryId: message.sourceId } })
      .catch((error: Error) => this.logger.warn(`could not tell partners that e-mail ${message.id} was sent (partners keeps its link until its purge): ${error.message}`));
  }

  /** The address, language and values of a message, asked of partners; null if partners has no such row (or person). */
  private async address(message: EmailMessage): Promise<Addressed | null> {
    const url = (path: string) => new URL(path.replace(/^\//, ''), withSlash(this.config.http.publicUrl)).toString();
    if (message.source === 'partners') {
      const delivery = await this.ask(GetEmailDelivery, message, { deliveryId: message.sourceId });
      return delivery && { to: delivery.to, language: delivery.language, values: { link: delivery.link ?? url('login'), loginLink: url('login') } };
    }
    const contact = await this.ask(GetContact, message, { personId: message.sourceId });
    if (!contact) return null;
    const params = withIdeaTitle(message.params ?? {}, await this.ideas.titles(ideaIdsOf([message.params])));
    if (params.ideaId && !params.ideaTitle && Date.now() - message.createdAt.getTime() < WAIT_FOR_IDEA_TITLE_MS) {
      throw new Error(`the title of idea ${params.ideaId} is not known yet (ideas.submitted not handled): tried again`);
    }
    const values: Record<string, string> = { ...params, name: contact.name, link: url(params.link ?? '/') };
    if (params.workDomain) values.workDomain = workDomainLabel(params.workDomain, contact.language);
    if (params.startsAt) values.startsAt = brusselsDateTime(params.startsAt, contact.language);
    if (params.dueOn) values.dueOn = calendarDay(params.dueOn, contact.language);
    if (hasNotificationText(message.kind)) Object.assign(values, renderNotification(message.kind, contact.language, params));
    if (message.kind === 'city-digest') {
      const digest = await this.cityDigests.find(params.digestId ?? '');
      if (!digest) return null;
      Object.assign(values, cityDigestValues(digest.figures, contact.language), { dashboardLink: url('/dashboard') });
    } else if (message.kind.endsWith('-digest')) Object.assign(values, await this.digestList(message.id, contact.language, url));
    return { to: contact.email, language: contact.language, values, headers: this.unsubscribeHeaders(message.sourceId, params.category ?? digestOf(message.kind), url) };
  }

  /** The messages a digest carries, as plain-text lines and as an HTML list, in the reader's language. */
  private async digestList(messageId: string, language: Language, url: (path: string) => string): Promise<Record<string, string>> {
    const carried = await this.digestItems.carriedBy(messageId);
    const titles = await this.ideas.titles(ideaIdsOf(carried.map((item) => item.params)));
    const items = carried.map((item) => ({ ...renderNotification(item.kind, language, withIdeaTitle(item.params, titles)), link: url(item.link) }));
    return {
      items: items.map((i) => `- ${i.title}\n  ${i.body}\n  ${i.link}`).join('\n\n'),
      itemsHtml: items.map((i) => `<li style="margin-bottom:12px;"><a href="${escapeHtml(i.link)}"><strong>${escapeHtml(i.title)}</strong></a><br>${escapeHtml(i.body)}</li>`).join('\n'),
    };
  }

  /** RFC 8058 one-click unsubscribe, for an e-mail of a category that can be switched off, and for a daily or weekly digest. */
  private unsubscribeHeaders(personId: string, category: string | undefined, url: (path: string) => string): Record<string, string> | undefined {
    if (!category || !UNSUBSCRIBABLE.includes(category)) return undefined;
    const token = this.preferences.unsubscribeToken(personId, category as NotificationCategory | DigestUnsubscribe);
    if (!token) return undefined;
    return { 'List-Unsubscribe': `<${url(`/api/v1/unsubscribe/${token}`)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }

  /** A request to partners on the sender's own account; null for a 404, a refusal is not retried. */
  private async ask<C extends RequestContract>(contract: C, message: EmailMessage, data: SentInputOf<C>): Promise<AnswerOf<C> | null> {
    try {
      // No token of its own: the request client signs it with the service's token.
      return await this.requests.send(contract, { token: null, hubId: message.hubId, correlationId: `email-${message.id}`, data });
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return null;
      // Refused for good (bad request, forbidden, unprocessable): no later attempt does better. A 401
      // (a key being rolled, a clock off), 408 or 429 passes, and is retried like an outage.
      if (error instanceof DomainError && REFUSED_FOR_GOOD.has(error.status)) throw new UnrecoverableError(`${contract.name}: ${error.message}`);
      throw error;
    }
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** What a one-click link may name: a category, or a personal digest. */
const UNSUBSCRIBABLE: readonly string[] = [...NOTIFICATION_CATEGORIES, ...DIGEST_UNSUBSCRIBES];

/** A personal digest's e-mail kind is what its link switches off (`daily-digest`, `weekly-digest`). */
function digestOf(kind: string): DigestUnsubscribe | undefined {
  return (DIGEST_UNSUBSCRIBES as readonly string[]).includes(kind) ? (kind as DigestUnsubscribe) : undefined;
}
