module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'testing',
  roots: ['<rootDir>/libs/testing'],
};
