import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { GatewayModule } from './gateway.module';

it('EVENTS_CONSUMED lists exactly the events gateway has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('gateway', GatewayModule.forRoot(testConfig('gateway', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
