import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { PartnersModule } from './partners.module';

it('EVENTS_CONSUMED lists exactly the events partners has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('partners', PartnersModule.forRoot(testConfig('partners', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
