module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'runtime',
  roots: ['<rootDir>/libs/runtime'],
};
