module.exports = {
  ...require('../.config/jest.preset.js'),
  displayName: 'deploy',
  roots: ['<rootDir>/deploy'],
  testTimeout: 60_000,
};
