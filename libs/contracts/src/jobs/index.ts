export * from './job-contract';
export * from './reporting.jobs';
export * from './coaching.jobs';
export * from './notifications.jobs';
