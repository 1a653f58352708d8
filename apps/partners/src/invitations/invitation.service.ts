import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import {
  Caller,
  AcceptInvitation,
  InvitationView,
  InviteMember,
  ListInvitations,
  MemberJoined,
  Page,
  PersonView,
  InputOf,
  Language,
  RequestOf,
  RevokeInvitation,
} from '@cirkel/contracts';
import { Keyset } from '@cirkel/persistence';
import { z } from 'zod';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { personCause } from '@cirkel/messaging';
import { authoriseOrganisationAction, canInviteMembers, canManageInvitations } from '../organisations/organisation-access';
import { OrganisationNotActive } from '../organisations/organisation.errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { hashInvitationToken, invitationExpiry, invitationLink, newInvitationToken } from './invitation-token';
import { MembershipRepository } from '../people/membership.repository';
import { PasswordHasher } from '../people/password-hasher';
import { EmailTaken } from '../people/people.errors';
import { InvitationExpired, InvitationNotFound, InvitationRevoked, InvitationUnknown, InvitationUsed } from './invitation.errors';
import { invitationStatus } from './invitation-status';
import { Person } from '../people/person.entity';
import { EMAIL_CONSTRAINT, PersonRepository } from '../people/person.repository';
import { PersonViews } from '../people/person-views';
import { EmailDeliveries, MAIL_INTERVAL_MINUTES } from '../mail/email-deliveries';

/** Invitations newest first: by id (UUIDv7). */
const NEWEST_FIRST = new Keyset(z.tuple([z.uuid()]));

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
    private readonly mail: EmailDeliveries,
  ) {}

  /**
   * `language`: the inviter's request's (their `Accept-Language`, else Dutch) — the invitation is
   * written in it, unless the address is a person's already, whose own language it is written in.
   */
  async invite(caller: Caller, data: InputOf<typeof InviteMember>, language: Language = 'nl'): Promise<InvitationView> {
    const organisation = await this.organisations.findInHub(caller.hubId, data.organisationId);
    authoriseOrganisationAction(caller, organisation, canInviteMembers, "Only the organisation's org admins invite members.");
    // Until the hub approves it, an organisation is one person's claim: it brings in no one else.
    if (organisation.status !== 'active') throw new OrganisationNotActive();
    const now = new Date();
    // Invited again within MAIL_INTERVAL_MINUTES: the pending invitation e-mailed then is the answer, and no new e-mail.
    const recent = await this.invitations.pendingSince(organisation.id, data.email, data.role, new Date(now.getTime() - MAIL_INTERVAL_MINUTES * 60_000), now);
    if (recent) return summaryOf(recent, now);
    const token = newInvitationToken();
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
      revokedAt: null,
      revokedBy: null,
    };
    await this.unitOfWork.run(async (tx) => {
      await this.invitations.insert(invitation, tx.manager);
      // The answer is the same whether or not the address has an account (nothing to learn from it);
      // the link goes to the address alone. An invitation makes a new account, so someone who has
      // one is told, without a link, that they were asked.
      const invitee = await this.people.findByEmail(invitation.email, tx.manager);
      const hasAccount = invitee !== null;
      await this.mail.queue(tx, {
        hubId: invitation.hubId,
        kind: hasAccount ? 'invitation-for-existing-account' : 'invitation',
        to: invitation.email,
        // The invitee's own language if they have an account; else the inviter's, whom they likely share it with.
        language: invitee?.language ?? language,
        aboutId: invitation.id,
        link: hasAccount ? null : invitationLink(this.config.http.publicUrl, token),
      });
    });
    this.logger.log(`invitation ${invitation.id} to ${organisation.id} created by ${caller.personId}`);
    return summaryOf(invitation, now);
  }

  /** The organisation's invitations, newest first, with where each stands; for its org admins. */
  async list(caller: Caller, data: InputOf<typeof ListInvitations>): Promise<Page<InvitationView>> {
    const organisation = await this.organisations.findInHub(caller.hubId, data.organisationId);
    authoriseOrganisationAction(caller, organisation, canManageInvitations, "Only the organisation's org admins see its invitations.");
    const now = new Date();
    const [beforeId] = NEWEST_FIRST.after(data.cursor) ?? [];
    const rows = await this.invitations.page(organisation.id, { status: data.status, beforeId, take: data.limit + 1, now });
    const page = NEWEST_FIRST.page(rows, data.limit, (row) => [row.id]);
    return { items: page.rows.map((row) => summaryOf(row, now)), nextCursor: page.nextCursor };
  }

  /** An org admin withdraws an invitation not yet accepted; its link stops working. Revoking twice changes nothing. */
  async revoke(caller: Caller, data: InputOf<typeof RevokeInvitation>): Promise<InvitationView> {
    const organisation = await this.organisations.findInHub(caller.hubId, data.organisationId);
    authoriseOrganisationAction(caller, organisation, canManageInvitations, "Only the organisation's org admins revoke its invitations.");
    const revoked = await this.unitOfWork.run(async (tx) => {
      const invitation = await this.invitations.findInOrganisationForUpdate(organisation.id, data.invitationId, tx.manager);
      if (!invitation) throw new InvitationNotFound();
      if (invitation.acceptedAt) throw new InvitationUsed();
      if (invitation.revokedAt) return invitation;
      const now = new Date();
      await this.invitations.markRevoked(invitation.id, caller.personId, now, tx.manager);
      return { ...invitation, revokedAt: now, revokedBy: caller.personId };
    });
    this.logger.log(`invitation ${revoked.id} of ${organisation.id} revoked by ${caller.personId}`);
    return summaryOf(revoked, new Date());
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
    const status = invitationStatus(invitation, now);
    if (status === 'accepted') throw new InvitationUsed();
    if (status === 'revoked') throw new InvitationRevoked();
    if (status === 'expired') throw new InvitationExpired();
    return invitation;
  }
}

function summaryOf(invitation: Invitation, now: Date): InvitationView {
  return {
    id: invitation.id,
    organisationId: invitation.organisationId,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
    revokedAt: invitation.revokedAt?.toISOString() ?? null,
  };
}
