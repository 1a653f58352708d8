import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { Caller, AcceptInvitation, InvitationView, InviteMember, MemberJoined, PersonView, InputOf, RequestOf } from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { personCause } from '@cirkel/messaging';
import { authoriseOrganisationAction, canInviteMembers } from '../organisations/organisation-access';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { hashInvitationToken, invitationExpiry, invitationLink, newInvitationToken } from './invitation-token';
import { MembershipRepository } from '../people/membership.repository';
import { PasswordHasher } from '../people/password-hasher';
import { EmailTaken } from '../people/people.errors';
import { InvitationExpired, InvitationUnknown, InvitationUsed } from './invitation.errors';
import { Person } from '../people/person.entity';
import { EMAIL_CONSTRAINT, PersonRepository } from '../people/person.repository';
import { PersonViews } from '../people/person-views';

/** An org admin invites someone by e-mail; the invited person accepts with the link's token and becomes a member. */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly organisations: OrganisationRepository,
    private readonly invitations: InvitationRepository,
    private readonly people: PersonRepository,
    private readonly memberships: MembershipRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly views: PersonViews,
  ) {}

  async invite(caller: Caller, data: InputOf<typeof InviteMember>): Promise<InvitationView> {
    const organisation = await this.organisations.findInHub(caller.hubId, data.organisationId);
    authoriseOrganisationAction(caller, organisation, canInviteMembers, "Only the organisation's org admins invite members.");
    // An invitation creates a new account; someone who has one cannot accept it.
    if (await this.people.emailExists(data.email)) throw new EmailTaken();
    const token = newInvitationToken();
    const now = new Date();
    const invitation: Invitation = {
      id: uuidv7(),
      hubId: caller.hubId,
      organisationId: organisation.id,
      email: data.email,
      role: data.role,
      tokenHash: hashInvitationToken(token),
      expiresAt: invitationExpiry(now),
      acceptedAt: null,
      acceptedBy: null,
      createdBy: caller.personId,
      createdAt: now,
    };
    await this.unitOfWork.run(async (tx) => this.invitations.insert(invitation, tx.manager));
    this.logger.log(`invitation ${invitation.id} to ${organisation.id} created by ${caller.personId}`);
    return {
      id: invitation.id,
      organisationId: invitation.organisationId,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      link: invitationLink(this.config.http.publicUrl, token),
      token,
    };
  }

  /** Creates the person and their membership; an unknown, used or expired token is refused, each with its own problem type. */
  async accept(request: RequestOf<typeof AcceptInvitation>): Promise<PersonView> {
    const { data, correlationId } = request;
    const tokenHash = hashInvitationToken(data.token);
    // Checked once before the (slow) password hash, and again under the row lock.
    this.usable(request, await this.invitations.findByTokenHash(tokenHash), new Date());
    const passwordHash = await this.hasher.hash(data.password);
    try {
      const person = await this.unitOfWork.run(async (tx) => {
        const now = new Date();
        const invitation = this.usable(request, await this.invitations.findByTokenHashForUpdate(tokenHash, tx.manager), now);
        if (await this.people.emailExists(invitation.email, tx.manager)) throw new EmailTaken();
        const person: Person = {
          id: uuidv7(),
          hubId: invitation.hubId,
          name: data.name,
          email: invitation.email,
          passwordHash,
          language: data.language,
          createdAt: now,
        };
        await this.people.insert(person, tx.manager);
        await this.memberships.insert({ hubId: invitation.hubId, personId: person.id, organisationId: invitation.organisationId, role: invitation.role, createdAt: now }, tx.manager);
        await this.invitations.markAccepted(invitation.id, person.id, now, tx.manager);
        tx.publish(
          MemberJoined,
          invitation.hubId,
          { organisationId: invitation.organisationId, personId: person.id, name: person.name, language: person.language, role: invitation.role },
          personCause(person.id, correlationId),
        );
        this.logger.log(`invitation ${invitation.id} accepted by ${person.id}`);
        return person;
      });
      return this.views.one(person);
    } catch (error) {
      if (isUniqueViolation(error, EMAIL_CONSTRAINT)) throw new EmailTaken();
      throw error;
    }
  }

  private usable(request: Pick<RequestOf<unknown>, 'hubId'>, invitation: Invitation | null, now: Date): Invitation {
    if (!invitation || (request.hubId !== null && request.hubId !== invitation.hubId)) throw new InvitationUnknown();
    if (invitation.acceptedAt) throw new InvitationUsed();
    if (invitation.expiresAt.getTime() <= now.getTime()) throw new InvitationExpired();
    return invitation;
  }
}
