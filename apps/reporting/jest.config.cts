module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'reporting',
  roots: ['<rootDir>/apps/reporting'],
};
