import { Injectable, Logger } from '@nestjs/common';
import { ConfirmLoginUnlock, InputOf, LoginUnlockRequestedView, LoginUnlockView, RequestLoginUnlock } from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { usableLink } from '../common/one-time-link.repository';
import { hashSecretToken } from '../common/secret-token';
import { OneTimeLinkMailer } from '../mail/one-time-link.mailer';
import { LoginUnlockRepository } from './login-unlock.repository';
import { LoginUnlockExpired, LoginUnlockUnknown, LoginUnlockUsed } from './login-unlock.errors';
import { PersonRepository } from './person.repository';

/** Minutes a login unlock link works: it is asked for at the login page, and used at once. */
export const LOGIN_UNLOCK_VALID_MINUTES = 15;

const problems = { unknown: () => new LoginUnlockUnknown(), used: () => new LoginUnlockUsed(), expired: () => new LoginUnlockExpired() };

/**
 * The way out of OWASP's device-cookie scheme for an owner on a new browser while their account is
 * locked by failures made elsewhere: a link e-mailed to the account's address, good once for 15
 * minutes, whose use makes the gateway give that browser a device cookie for the account (its
 * attempts then count for that cookie alone). It logs no one in: the password is still needed.
 * Anyone may ask for one (the answer is the same whether or not the address has an account); an
 * address gets at most one per MAIL_INTERVAL_MINUTES, a deactivated person none (OneTimeLinkMailer).
 * A password change or reset and a deactivation end the person's links (PasswordService,
 * DeactivationService).
 */
@Injectable()
export class LoginUnlockService {
  private readonly logger = new Logger(LoginUnlockService.name);

  constructor(
    private readonly people: PersonRepository,
    private readonly unlocks: LoginUnlockRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly mailer: OneTimeLinkMailer,
  ) {}

  async request(data: InputOf<typeof RequestLoginUnlock>): Promise<LoginUnlockRequestedView> {
    await this.mailer.send(await this.people.findByEmail(data.email), { links: this.unlocks, kind: 'login-unlock', path: 'login/unlock', validMinutes: LOGIN_UNLOCK_VALID_MINUTES });
    return { status: 'unlock-link-sent' };
  }

  /** Uses the link up, once: whose account it unlocks (the person's current address). A deactivated person's link is unknown. */
  async confirm(data: InputOf<typeof ConfirmLoginUnlock>): Promise<LoginUnlockView> {
    const tokenHash = hashSecretToken(data.token);
    const view = await this.unitOfWork.run(async (tx) => {
      const unlock = usableLink(await this.unlocks.findByTokenHash(tokenHash, tx.manager), new Date(), problems);
      const person = await this.people.findById(unlock.personId, tx.manager);
      if (!person || person.deactivatedAt) throw new LoginUnlockUnknown();
      await this.unlocks.use(unlock.id, new Date(), tx.manager);
      return { personId: person.id, email: person.email };
    });
    this.logger.log(`login of ${view.personId} unlocked for one browser with an e-mailed link`);
    return view;
  }
}
