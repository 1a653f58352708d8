module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'jobs',
  roots: ['<rootDir>/libs/jobs'],
};
