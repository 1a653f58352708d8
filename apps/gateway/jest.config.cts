module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'gateway',
  roots: ['<rootDir>/apps/gateway'],
};
