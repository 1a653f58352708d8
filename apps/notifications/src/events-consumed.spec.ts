import { eventsConsumedMismatch, testConfig } from '@cirkel/testing';
import { NotificationsModule } from './notifications.module';

it('EVENTS_CONSUMED lists exactly the events notifications has a handler for: its NATS user may make their consumers and no other (issue 7)', () => {
  expect(eventsConsumedMismatch('notifications', NotificationsModule.forRoot(testConfig('notifications', 'tevents')))).toEqual({ handledNotListed: [], listedNotHandled: [] });
});
