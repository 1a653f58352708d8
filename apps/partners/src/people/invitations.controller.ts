import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AcceptInvitation, InvitationView, InviteMember, PersonView } from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { InvitationService } from './invitation.service';

@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationService) {}

  @MessagePattern(InviteMember.pattern)
  async invite(@Payload() envelope: unknown): Promise<InvitationView> {
    const { call, data } = parseRequest(InviteMember, envelope);
    return this.invitations.invite(call, data);
  }

  @MessagePattern(AcceptInvitation.pattern)
  async accept(@Payload() envelope: unknown): Promise<PersonView> {
    const { call, data } = parseRequest(AcceptInvitation, envelope);
    return this.invitations.accept(call, data);
  }
}
