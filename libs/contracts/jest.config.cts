module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'contracts',
  roots: ['<rootDir>/libs/contracts'],
};
