export * from './data-source.factory';
export * from './persistence.module';
export * from './database-errors';
export * from './keyset-page';
export * from './upsert-newest';
export * from './named-statement';
export * from './begin-with-first-statement.client';
