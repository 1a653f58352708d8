import { DomainError } from '@cirkel/contracts';

export const HubProblem = {
  HubNotFound: 'hub-not-found',
} as const;

export class HubNotFound extends DomainError {
  constructor(what: string) {
    super(HubProblem.HubNotFound, 404, 'Hub not found', `There is no hub ${what}.`);
  }
}
