module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'web-e2e',
  roots: ['<rootDir>/apps/web-e2e'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
