import { Injectable, Logger } from '@nestjs/common';
import { CredentialedIdentityView, Forbidden, IdentityView, RequestOf, Unauthenticated, Authenticate, GetIdentity } from '@cirkel/contracts';
import { InvalidCredentials } from './people.errors';
import { PasswordHasher } from './password-hasher';
import { Person } from './person.entity';
import { PersonRepository } from './person.repository';
import { PersonViews } from './person-views';

/** Checks passwords and answers identities for the gateway's tokens. */
@Injectable()
export class AuthenticationService {
  private readonly logger = new Logger(AuthenticationService.name);

  constructor(
    private readonly people: PersonRepository,
    private readonly hasher: PasswordHasher,
    private readonly views: PersonViews,
  ) {}

  /** A wrong e-mail address and a wrong password get the same answer after the same work, so accounts cannot be probed. */
  async authenticate(request: RequestOf<typeof Authenticate>): Promise<IdentityView> {
    const { data } = request;
    const person = await this.people.findByEmail(data.email);
    const valid = person ? await this.hasher.verify(person.passwordHash, data.password) : await this.hasher.verifyAgainstNothing(data.password);
    if (!person || !valid || person.deactivatedAt || (request.hubId !== null && request.hubId !== person.hubId)) {
      this.logger.log('failed login');
      throw new InvalidCredentials();
    }
    return this.identityOf(person);
  }

  /**
   * For the gateway's token refresh: the identity with the roles held now, and when the credentials
   * last changed (not in version 1's contract: its readers drop it). A person may ask only for themselves.
   */
  async getIdentity(request: RequestOf<typeof GetIdentity>): Promise<CredentialedIdentityView> {
    const { data } = request;
    if (request.caller && request.caller.personId !== data.personId) throw new Forbidden('A person may read only their own identity.');
    const hubId = request.caller?.hubId ?? request.hubId;
    const person = hubId ? await this.people.findInHub(hubId, data.personId) : await this.people.findById(data.personId);
    if (!person || person.deactivatedAt) throw new Unauthenticated('This account no longer exists or was deactivated.');
    return { ...(await this.identityOf(person)), credentialsChangedAt: person.credentialsChangedAt?.toISOString() ?? null };
  }

  /** Who a person is now, for the gateway's tokens. */
  async identityOf(person: Person): Promise<IdentityView> {
    return { caller: await this.views.asCaller(person), name: person.name, language: person.language };
  }
}
