export * from './jobs-connection';
export * from './redis-eviction.check';
export * from './job-handler';
export * from './job-queue';
export * from './jobs-health';
export * from './jobs.module';
