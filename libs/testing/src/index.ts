export * from './test-namespace';
export * from './eventually';
export * from './test-infrastructure';
