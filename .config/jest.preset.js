// Shared Jest settings: @swc/jest with decorator metadata (Nest needs it), Nx path aliases.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./paths');

const root = path.resolve(__dirname, '..');

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(root),
  testTimeout: 30_000,
};
