export * from './data-source.factory';
export * from './persistence.module';
export * from './database-errors';
