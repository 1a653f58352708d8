// One ESLint configuration for every project. Nx module boundaries keep apps apart and the libs in
// their layers: each lib may import only the libs below it (docs/overview.md draws the same table).
import nx from '@nx/eslint-plugin';

/** What each lib (tag `lib:<name>`) may import from our other libs, in its source. */
const LIB_DEPENDENCIES = {
  contracts: [],
  config: ['contracts'],
  // persistence reads the database section of the typed config (docs/decisions.md)
  persistence: ['contracts', 'config'],
  messaging: ['contracts', 'config', 'persistence'],
  auth: ['contracts', 'config', 'persistence', 'messaging'],
  runtime: ['contracts', 'config', 'persistence', 'messaging', 'auth'],
  jobs: ['contracts', 'config', 'persistence', 'messaging', 'runtime'],
  testing: ['contracts', 'config', 'persistence', 'messaging', 'auth', 'runtime', 'jobs'],
};

const TEST_FILES = ['**/test/**/*.ts', '**/*.spec.ts', '**/*.spec.tsx', 'bench/**/*.ts'];

/** The boundaries; `inTests`: a lib's own tests may also use libs/testing. */
function moduleBoundaries(inTests) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      // libs/testing builds on the libs whose tests use it: that cycle runs through test files only
      // (a lib's source importing testing is refused below).
      ignoredCircularDependencies: LIB_DEPENDENCIES.testing.map((lib) => ['testing', lib]),
      depConstraints: [
        // apps never import apps; end-to-end tests and benches drive apps from outside
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib'] },
        // no lib imports an app
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        ...Object.entries(LIB_DEPENDENCIES).map(([lib, allowed]) => ({
          sourceTag: `lib:${lib}`,
          onlyDependOnLibsWithTags: [...allowed, ...(inTests && lib !== 'testing' ? ['testing'] : [])].map((name) => `lib:${name}`),
        })),
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '**/*.cts', '**/*.js', '**/*.mjs', 'apps/web/src/api/schema.d.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    // Partners' feature folders depend one way: hubs ← people ← organisations ← charters, invitations, me.
    files: ['apps/partners/src/hubs/**/*.ts', 'apps/partners/src/people/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../organisations/*', '../charters/*', '../invitations/*', '../me/*', '../access/*'], message: 'people and hubs do not depend on the features built on them' }] },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(true),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
