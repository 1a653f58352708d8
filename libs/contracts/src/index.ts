// shared by every context
export * from './shared/apps';
export * from './shared/vocabulary';
export * from './shared/caller';
export * from './shared/page';
export * from './shared/views';
export * from './shared/text';
export * from './events/event-envelope';
export * from './events/event-contract';
export * from './events/event-registry';
export * from './errors/domain-error';
export * from './requests/request-envelope';
export * from './requests/request-contract';
export * from './jobs';
export * from './all-events';
export * from './operations/dead-letters';
export * from './auth/auth.views';
// per context
export * from './partners/partners.vocabulary';
export * from './partners/partners.events';
export * from './partners/partners.requests';
export * from './partners/partners.views';
export * from './partners/enterprise-number';
export * from './notifications/notifications.views';
export * from './notifications/notifications.requests';
