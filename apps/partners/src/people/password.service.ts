import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ChangePassword, IdentityView, InputOf, PasswordResetRequestedView, PasswordResetView, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { usableLink } from '../common/one-time-link.repository';
import { hashSecretToken } from '../common/secret-token';
import { OneTimeLinkMailer } from '../mail/one-time-link.mailer';
import { AuthenticationService } from './authentication.service';
import { LoginUnlockRepository } from './login-unlock.repository';
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
    private readonly people: PersonRepository,
    private readonly resets: PasswordResetRepository,
    private readonly unlocks: LoginUnlockRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly mailer: OneTimeLinkMailer,
    private readonly authentication: AuthenticationService,
  ) {}

  async change(caller: Caller, data: InputOf<typeof ChangePassword>): Promise<IdentityView> {
    const person = await this.people.findInHub(caller.hubId, caller.personId);
    if (!person) throw new PersonNotFound();
    if (!(await this.hasher.verify(person.passwordHash, data.currentPassword))) throw new WrongCurrentPassword();
    const passwordHash = await this.hasher.hash(data.newPassword);
    await this.unitOfWork.run(async (tx) => {
      await this.people.setPasswordHash(person.id, passwordHash, tx.manager);
      await this.endLinks(person.id, tx.manager);
    });
    this.logger.log(`password of ${person.id} changed by its owner`);
    return this.authentication.identityOf(person);
  }

  async requestReset(data: InputOf<typeof RequestPasswordReset>): Promise<PasswordResetRequestedView> {
    await this.mailer.send(await this.people.findByEmail(data.email), { links: this.resets, kind: 'password-reset', path: 'password-reset', validMinutes: PASSWORD_RESET_VALID_MINUTES });
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
      await this.endLinks(reset.personId, tx.manager);
      return reset.personId;
    });
    this.logger.log(`password of ${personId} set with a reset link`);
    return { personId };
  }

  /** A new password: every reset link and login unlock link of the person not used yet stops working (they were sent for the old one). */
  private async endLinks(personId: string, manager: EntityManager): Promise<void> {
    const now = new Date();
    await this.resets.useAllOf(personId, now, manager);
    await this.unlocks.useAllOf(personId, now, manager);
  }
}

function usable(reset: PasswordReset | null, now: Date): PasswordReset {
  return usableLink(reset, now, { unknown: () => new PasswordResetUnknown(), used: () => new PasswordResetUsed(), expired: () => new PasswordResetExpired() });
}
