export * from './cirkel-config';
export * from './config.module';
