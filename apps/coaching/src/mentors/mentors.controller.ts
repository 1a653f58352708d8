import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerAssignment, AnswerOf, GetMyMentorProfile, ListMentors, ListMyAssignments, PutMyMentorProfile, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { MatchingService } from '../matching/matching.service';
import { MentorProfileService } from './mentor-profile.service';

@Controller()
export class MentorsController {
  constructor(
    private readonly access: Access,
    private readonly profiles: MentorProfileService,
    private readonly matching: MatchingService,
  ) {}

  @Answers(PutMyMentorProfile)
  async putProfile(@Payload() request: RequestOf<typeof PutMyMentorProfile>): Promise<AnswerOf<typeof PutMyMentorProfile>> {
    return this.profiles.put(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }

  @Answers(GetMyMentorProfile)
  async getProfile(@Payload() request: RequestOf<typeof GetMyMentorProfile>): Promise<AnswerOf<typeof GetMyMentorProfile>> {
    return this.profiles.get(await this.access.requireHubRole(request, 'mentor'));
  }

  @Answers(ListMentors)
  async list(@Payload() request: RequestOf<typeof ListMentors>): Promise<AnswerOf<typeof ListMentors>> {
    return this.profiles.list(await this.access.requireHubRole(request, 'hub_admin'));
  }

  @Answers(ListMyAssignments)
  async mine(@Payload() request: RequestOf<typeof ListMyAssignments>): Promise<AnswerOf<typeof ListMyAssignments>> {
    return { items: await this.matching.mine(await this.access.requireHubRole(request, 'mentor')) };
  }

  @Answers(AnswerAssignment)
  async answer(@Payload() request: RequestOf<typeof AnswerAssignment>): Promise<AnswerOf<typeof AnswerAssignment>> {
    return this.matching.answer(await this.access.requireHubRole(request, 'mentor'), request.data, request.correlationId);
  }
}
