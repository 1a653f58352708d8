export * from './cirkel-logger';
export * from './redis.module';
export * from './health/readiness-checks';
export * from './health/health.module';
export * from './service-app';
export * from './dead-letters.controller';
export * from './service.module';
export * from './demo-seed';
