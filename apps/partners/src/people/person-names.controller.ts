import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DataSource, In, IsNull } from 'typeorm';
import { AnswerOf, GetPersonNames, RequestOf, ValidationFailed } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { Membership } from './membership.entity';
import { Person } from './person.entity';

/**
 * Display names for another service (`servicesOnly`: a person's token is refused). Only people of the
 * request's hub, never a deactivated one; the asking service decides who sees them (docs/security.md).
 */
@Controller()
export class PersonNamesController {
  constructor(private readonly dataSource: DataSource) {}

  @Answers(GetPersonNames)
  async names(@Payload() request: RequestOf<typeof GetPersonNames>): Promise<AnswerOf<typeof GetPersonNames>> {
    const hubId = request.hubId;
    if (!hubId) throw new ValidationFailed([{ field: 'hubId', message: 'the hub whose people are named' }]);
    const data = request.data;
    let personIds: string[];
    if ('organisationId' in data) {
      const members = await this.dataSource.getRepository(Membership).findBy({ hubId, organisationId: data.organisationId });
      personIds = members.map((m) => m.personId);
    } else personIds = [...new Set(data.personIds)];
    if (personIds.length === 0) return { items: [] };
    const people = await this.dataSource.getRepository(Person).find({ select: { id: true, name: true }, where: { id: In(personIds), hubId, deactivatedAt: IsNull() }, order: { name: 'ASC', id: 'ASC' } });
    return { items: people.map((p) => ({ personId: p.id, name: p.name })) };
  }
}
