/** The lib's own Redis connection (the start-up check, readiness); queues and workers have theirs. */
export const JOBS_REDIS = Symbol('JOBS_REDIS');
/** Metadata key: the job contract a worker class handles. */
export const JOB_CONTRACT = Symbol('JOB_CONTRACT');
/** The queues registered by `JobsModule.forRoot`. */
export const JOB_QUEUES = Symbol('JOB_QUEUES');
