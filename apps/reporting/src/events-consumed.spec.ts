import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { ReportingModule } from './reporting.module';

it('EVENTS_CONSUMED lists exactly the events reporting has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('reporting', ReportingModule.forRoot(testConfig('reporting', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
