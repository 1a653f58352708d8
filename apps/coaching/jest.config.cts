module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'coaching',
  roots: ['<rootDir>/apps/coaching'],
};
