// Resolves the @cirkel/* libs in the compiled tree (dist/) for `node -r ./deploy/register-paths.js dist/apps/<app>/src/main.js`.
const path = require('node:path');
const { register } = require('tsconfig-paths');

register({ baseUrl: path.resolve(__dirname, '..', 'dist'), paths: { '@cirkel/*': ['libs/*/src/index.js'] } });
