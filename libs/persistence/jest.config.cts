module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'persistence',
  roots: ['<rootDir>/libs/persistence'],
};
