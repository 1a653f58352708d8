'use strict';
// Resolves the @cirkel/* libs in an app's compiled tree, for
//   node -r ./deploy/register-paths.js dist/apps/<app>/apps/<app>/src/main.js
// tsc leaves `@cirkel/<lib>` imports as they are; here they resolve to <the app's dist>/libs/<lib>/src/index.js,
// where <the app's dist> is the nearest folder above the script that holds libs/.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

function distRoot(script) {
  for (let dir = path.dirname(path.resolve(script)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'libs'))) return dir;
  }
  throw new Error(`register-paths: no libs/ folder above ${script}`);
}

const root = distRoot(process.argv[1]);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@cirkel\/([a-z-]+)$/.exec(request);
  return resolve.call(this, lib ? path.join(root, 'libs', lib[1], 'src', 'index.js') : request, ...rest);
};
