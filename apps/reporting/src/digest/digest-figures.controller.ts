import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, GetDigestFigures, GetDigestFiguresV2, RequestOf, ValidationFailed } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { DigestFiguresService } from './digest-figures.service';

/** Asked by notifications for the weekly city digest (both versions while it moves over): the hub of the envelope, always suppressed. */
@Controller()
export class DigestFiguresController {
  constructor(private readonly digest: DigestFiguresService) {}

  @Answers(GetDigestFigures)
  async v1(@Payload() request: RequestOf<typeof GetDigestFigures>): Promise<AnswerOf<typeof GetDigestFigures>> {
    return this.digest.v1(hubOf(request), request.data.week);
  }

  @Answers(GetDigestFiguresV2)
  async v2(@Payload() request: RequestOf<typeof GetDigestFiguresV2>): Promise<AnswerOf<typeof GetDigestFiguresV2>> {
    return this.digest.v2(hubOf(request), request.data.week);
  }
}

function hubOf(request: { hubId: string | null; caller: { hubId: string } | null }): string {
  const hubId = request.hubId ?? request.caller?.hubId;
  if (!hubId) throw new ValidationFailed([{ field: 'hubId', message: 'name the hub of the digest' }]);
  return hubId;
}
