// Maps the `paths` of the root tsconfig.json to Jest's moduleNameMapper.
const fs = require('node:fs');
const path = require('node:path');

function pathsToModuleNameMapper(root) {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(root, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
