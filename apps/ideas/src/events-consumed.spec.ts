import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { IdeasModule } from './ideas.module';

it('EVENTS_CONSUMED lists exactly the events ideas has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('ideas', IdeasModule.forRoot(testConfig('ideas', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
