import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { Caller, ChangePassword, IdentityView, InputOf, PasswordResetRequestedView, PasswordResetView, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { hashSecretToken, newSecretToken, secretLink } from '../common/secret-token';
import { EmailDeliveries, MAIL_INTERVAL_MINUTES } from '../mail/email-deliveries';
import { AuthenticationService } from './authentication.service';
import { PasswordHasher } from './password-hasher';
import { PasswordReset } from './password-reset.entity';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetExpired, PasswordResetUnknown, PasswordResetUsed, WrongCurrentPassword } from './password.errors';
import { PersonNotFound } from './people.errors';
import { PersonRepository } from './person.repository';

/** Minutes a password reset link works. */
export const PASSWORD_RESET_VALID_MINUTES = 60;

/**
 * Passwords change here; the gateway ends logins. A signed-in person changes theirs by giving the
 * current one; anyone may ask for a reset link to be e-mailed to an address (the answer is the same
 * whether or not it has an account), and the address's owner sets a new one with it.
 */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger(PasswordService.name);

  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly people: PersonRepository,
    private readonly resets: PasswordResetRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly mail: EmailDeliveries,
    private readonly authentication: AuthenticationService,
  ) {}

  async change(caller: Caller, data: InputOf<typeof ChangePassword>): Promise<IdentityView> {
    const person = await this.people.findInHub(caller.hubId, caller.personId);
    if (!person) throw new PersonNotFound();
    if (!(await this.hasher.verify(person.passwordHash, data.currentPassword))) throw new WrongCurrentPassword();
    const passwordHash = await this.hasher.hash(data.newPassword);
    await this.unitOfWork.run(async (tx) => {
      await this.people.setPasswordHash(person.id, passwordHash, tx.manager);
      await this.resets.useAllOf(person.id, new Date(), tx.manager);
    });
    this.logger.log(`password of ${person.id} changed by its owner`);
    return this.authentication.identityOf(person);
  }

  async requestReset(data: InputOf<typeof RequestPasswordReset>): Promise<PasswordResetRequestedView> {
    const person = await this.people.findByEmail(data.email);
    // A deactivated person gets no link: only a hub admin brings them back. One link per
    // MAIL_INTERVAL_MINUTES: asked again within it, the newest link e-mailed is the one to use.
    const now = new Date();
    if (person && !person.deactivatedAt && !(await this.resets.createdSince(person.id, new Date(now.getTime() - MAIL_INTERVAL_MINUTES * 60_000)))) {
      const token = newSecretToken();
      const reset: PasswordReset = {
        id: uuidv7(),
        hubId: person.hubId,
        personId: person.id,
        tokenHash: hashSecretToken(token),
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_VALID_MINUTES * 60_000),
        usedAt: null,
        createdAt: now,
      };
      await this.unitOfWork.run(async (tx) => {
        await this.resets.insert(reset, tx.manager);
        await this.mail.queue(tx, { hubId: person.hubId, kind: 'password-reset', to: person.email, language: person.language, aboutId: reset.id, link: secretLink(this.config.http.publicUrl, 'password-reset', token) });
      });
    }
    return { status: 'reset-link-sent' };
  }

  /** Sets the new password once; every other link of the person stops working too. */
  async reset(data: InputOf<typeof ResetPassword>): Promise<PasswordResetView> {
    const tokenHash = hashSecretToken(data.token);
    usable(await this.resets.findByTokenHash(tokenHash), new Date());
    const passwordHash = await this.hasher.hash(data.password);
    const personId = await this.unitOfWork.run(async (tx) => {
      const reset = usable(await this.resets.findByTokenHash(tokenHash, tx.manager), new Date());
      await this.people.setPasswordHash(reset.personId, passwordHash, tx.manager);
      await this.resets.useAllOf(reset.personId, new Date(), tx.manager);
      return reset.personId;
    });
    this.logger.log(`password of ${personId} set with a reset link`);
    return { personId };
  }
}

function usable(reset: PasswordReset | null, now: Date): PasswordReset {
  if (!reset) throw new PasswordResetUnknown();
  if (reset.usedAt) throw new PasswordResetUsed();
  if (reset.expiresAt.getTime() <= now.getTime()) throw new PasswordResetExpired();
  return reset;
}
