module.exports = {
  ...require('../../.config/jest.preset.js'),
  displayName: 'messaging',
  roots: ['<rootDir>/libs/messaging'],
};
