module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'auth',
  roots: ['<rootDir>/libs/auth'],
};
