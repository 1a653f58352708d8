module.exports = {
  ...require('../.config/jest.preset.js'),
  displayName: 'tools',
  roots: ['<rootDir>/tools'],
};
