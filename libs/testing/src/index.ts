export * from './test-namespace';
export * from './eventually';
export * from './test-infrastructure';
export * from './test-events';
export * from './service-under-test';
export * from './system-under-test';
export * from './schema-drift';
export * from './private-nats';
