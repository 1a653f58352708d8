import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { CoachingModule } from './coaching.module';

it('EVENTS_CONSUMED lists exactly the events coaching has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('coaching', CoachingModule.forRoot(testConfig('coaching', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
