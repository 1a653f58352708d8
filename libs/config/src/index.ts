export * from './cirkel-config';
export * from './config.module';
export * from './gateway.config';
export * from './coaching.config';
export * from './reporting.config';
export * from './notifications.config';
