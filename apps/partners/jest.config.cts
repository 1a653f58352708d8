module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'partners',
  roots: ['<rootDir>/apps/partners'],
};
