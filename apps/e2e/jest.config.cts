module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'e2e',
  roots: ['<rootDir>/apps/e2e'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
