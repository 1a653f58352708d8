import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { UnitOfWork } from '@cirkel/messaging';
import { OneTimeLink, OneTimeLinkRepository } from '../common/one-time-link.repository';
import { hashSecretToken, newSecretToken, secretLink } from '../common/secret-token';
import { Person } from '../people/person.entity';
import { EmailDeliveries, MAIL_INTERVAL_MINUTES } from './email-deliveries';
import { EmailKind } from './email-delivery.entity';

/** What kind of one-time link to e-mail: its table, its e-mail, the web app's path that opens it, how long it works. */
export interface OneTimeLinkKind<T extends OneTimeLink> {
  links: OneTimeLinkRepository<T>;
  kind: EmailKind;
  path: string;
  validMinutes: number;
}

/**
 * E-mails a person a new one-time link (a password reset, a login unlock): its token's hash kept,
 * the e-mail queued in the same transaction. A deactivated person gets none (only a hub admin brings
 * them back), and one per MAIL_INTERVAL_MINUTES: asked again within it, the link e-mailed last is the
 * one to use. Anyone may ask for an address, so the caller answers the same whatever happens here.
 */
@Injectable()
export class OneTimeLinkMailer {
  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly mail: EmailDeliveries,
  ) {}

  async send<T extends OneTimeLink>(person: Person | null, { links, kind, path, validMinutes }: OneTimeLinkKind<T>): Promise<void> {
    const now = new Date();
    if (!person || person.deactivatedAt || (await links.createdSince(person.id, new Date(now.getTime() - MAIL_INTERVAL_MINUTES * 60_000)))) return;
    const token = newSecretToken();
    const link = { id: uuidv7(), hubId: person.hubId, personId: person.id, tokenHash: hashSecretToken(token), expiresAt: new Date(now.getTime() + validMinutes * 60_000), usedAt: null, createdAt: now } as T;
    await this.unitOfWork.run(async (tx) => {
      await links.insert(link, tx.manager);
      await this.mail.queue(tx, { hubId: person.hubId, kind, to: person.email, language: person.language, aboutId: link.id, link: secretLink(this.config.http.publicUrl, path, token) });
    });
  }
}
