import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AcceptInvitation, AnswerOf, InviteMember, ListInvitations, RequestOf, RevokeInvitation } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { InvitationService } from './invitation.service';

@Controller()
export class InvitationsController {
  constructor(
    private readonly access: Access,
    private readonly invitations: InvitationService,
  ) {}

  @Answers(InviteMember)
  async invite(@Payload() request: RequestOf<typeof InviteMember>): Promise<AnswerOf<typeof InviteMember>> {
    return this.invitations.invite(await this.access.requireCaller(request), request.data, request.language);
  }

  @Answers(ListInvitations)
  async list(@Payload() request: RequestOf<typeof ListInvitations>): Promise<AnswerOf<typeof ListInvitations>> {
    return this.invitations.list(await this.access.requireCaller(request), request.data);
  }

  @Answers(RevokeInvitation)
  async revoke(@Payload() request: RequestOf<typeof RevokeInvitation>): Promise<AnswerOf<typeof RevokeInvitation>> {
    return this.invitations.revoke(await this.access.requireCaller(request), request.data);
  }

  /** Anonymous: the invited person, with the link's token. */
  @Answers(AcceptInvitation)
  accept(@Payload() request: RequestOf<typeof AcceptInvitation>): Promise<AnswerOf<typeof AcceptInvitation>> {
    return this.invitations.accept(request);
  }
}
