const preset = require('../../.config/jest.preset.js');

// @fastify/static (the OpenAPI UI's files) requires content-disposition 3, which is ES modules only.
// Node 20.19+ loads it with require(esm); Jest before Node 24.9 does not, so swc turns it into CommonJS here.
// @fastify/cookie loads cookie 2 (ES modules only) with import(), which Jest's VM refuses without
// --experimental-vm-modules: swc turns its import() into require() and cookie into CommonJS.
const esmOnly = ['content-disposition', '@fastify/cookie', 'cookie'];

module.exports = {
  ...preset,
  displayName: 'gateway',
  roots: ['<rootDir>/apps/gateway'],
  transform: {
    ...preset.transform,
    [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};
