import { Injectable, Logger } from '@nestjs/common';
import { GetPersonNames, PersonNameView } from '@cirkel/contracts';
import { currentCorrelationId, RequestClient } from '@cirkel/messaging';

/**
 * Display names asked of partners (`partners.get-person-names`, on coaching's own service token).
 * Partners does not know who sees them: the callers here decide — only the participants of sessions
 * the caller sees, and the lead organisation's people for the mentor of its idea's assignment.
 */
@Injectable()
export class PersonNames {
  private readonly logger = new Logger(PersonNames.name);

  constructor(private readonly requests: RequestClient) {}

  /** The names of `personIds` in `hubId`; a person partners does not name (unknown, deactivated) or partners not answering leaves them out (shown without a name). */
  async of(hubId: string, personIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Map();
    try {
      const named = new Map<string, string>();
      // at most 500 a request (a page of 500 sessions of up to 30 participants could name more)
      for (let i = 0; i < ids.length; i += 500) {
        const answer = await this.requests.send(GetPersonNames, { token: null, hubId, correlationId: currentCorrelationId() ?? `names-${hubId}`, data: { personIds: ids.slice(i, i + 500) } });
        for (const p of answer.items) named.set(p.personId, p.name);
      }
      return named;
    } catch (error) {
      this.logger.warn(`names of ${ids.length} people not known now (${(error as Error).message}): shown without a name`);
      return new Map();
    }
  }

  /** The active members of an organisation of `hubId`, by name (errors pass: the caller asked for exactly this). */
  async ofOrganisation(hubId: string, organisationId: string): Promise<PersonNameView[]> {
    const answer = await this.requests.send(GetPersonNames, { token: null, hubId, correlationId: currentCorrelationId() ?? `team-${organisationId}`, data: { organisationId } });
    return answer.items;
  }
}
