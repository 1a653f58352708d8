module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'notifications',
  roots: ['<rootDir>/apps/notifications'],
};
