module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'ideas',
  roots: ['<rootDir>/apps/ideas'],
};
