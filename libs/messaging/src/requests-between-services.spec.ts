import { SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT } from '@cirkel/config';
import * as contracts from '@cirkel/contracts';
import { AppName, RequestContract } from '@cirkel/contracts';
import { REQUESTS_BETWEEN_SERVICES } from './nats-permissions';

/** Every request contract the contracts library exports. */
const ALL: RequestContract[] = (Object.values(contracts) as unknown[]).filter(
  (value): value is RequestContract => typeof value === 'object' && value !== null && 'pattern' in value && 'askedOnOwnAccountBy' in value,
);

/**
 * Who may ask what on its own account is said twice: by the contract (the answering service checks
 * the signer of the token, `askedOnOwnAccountBy`) and by the NATS accounts (REQUESTS_BETWEEN_SERVICES:
 * who may publish the request). They must say the same, and each such service must have a key pair.
 */
describe('requests between services', () => {
  it('finds the contracts', () => {
    expect(ALL.length).toBeGreaterThan(50);
    expect(ALL.filter((c) => c.servicesOnly).map((c) => c.pattern).sort()).toEqual(
      ['partners.get-contact.v1', 'partners.get-email-delivery.v1', 'partners.get-person-names.v1', 'partners.mark-email-delivery-sent.v1', 'reporting.get-digest-figures.v1', 'reporting.get-digest-figures.v2'].sort(),
    );
  });

  it('lets a service publish only requests for services whose contracts name it, and every such contract names only services that publish it', () => {
    for (const [app, asked] of Object.entries(REQUESTS_BETWEEN_SERVICES) as [AppName, readonly RequestContract[]][]) {
      for (const contract of asked) expect({ app, pattern: contract.pattern, servicesOnly: contract.servicesOnly, named: contract.askedOnOwnAccountBy.includes(app) }).toEqual({ app, pattern: contract.pattern, servicesOnly: true, named: true });
    }
    for (const contract of ALL.filter((c) => c.servicesOnly)) {
      for (const app of contract.askedOnOwnAccountBy) {
        expect({ pattern: contract.pattern, app, publishes: (REQUESTS_BETWEEN_SERVICES[app] ?? []).includes(contract) }).toEqual({ pattern: contract.pattern, app, publishes: true });
        expect(SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT).toContain(app);
      }
    }
  });

  it('takes the gateway alone on its own account for every request not for services only', () => {
    for (const contract of ALL.filter((c) => !c.servicesOnly)) expect({ pattern: contract.pattern, by: contract.askedOnOwnAccountBy }).toEqual({ pattern: contract.pattern, by: ['gateway'] });
  });
});
