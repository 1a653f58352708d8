module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'config',
  roots: ['<rootDir>/libs/config'],
};
