export * from './job-contract';
export * from './reporting.jobs';
