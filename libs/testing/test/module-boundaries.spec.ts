import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The Nx module boundaries of .config/eslint.config.mjs refuse what the architecture forbids. Each
 * case is linted as if it were a file at `filePath` (ESLint's lintText: nothing is written into the
 * lib), in one child process, since ESLint loads its ES-module config by dynamic import, which
 * Jest's CommonJS sandbox does not offer.
 */
const ROOT = path.resolve(__dirname, '../../..');
const RULE = '@nx/enforce-module-boundaries';

interface Case {
  filePath: string;
  code: string;
}

const LINT_TEXTS = `
const { ESLint } = require('eslint');
(async () => {
  const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: '.config/eslint.config.mjs' });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push(result.messages.filter((m) => m.ruleId === '${RULE}').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function boundaryErrors(cases: Case[]): string[][] {
  const output = execFileSync(process.execPath, ['-e', LINT_TEXTS], {
    cwd: ROOT,
    input: JSON.stringify(cases),
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(output);
}

const importing = (what: string, from: string) => `import { ${what} } from '${from}';\nexport const used = ${what};\n`;

it('refuses imports the architecture forbids and lets the allowed ones through', () => {
  const [contractsToMessaging, messagingToTesting, messagingTestToTesting, runtimeToMessaging, appToApp, jobsToAuth] = boundaryErrors([
    // contracts depends on no other lib of ours
    { filePath: 'libs/contracts/src/boundary-fixture.ts', code: importing('UnitOfWork', '@cirkel/messaging') },
    // a lib's source never uses the test helpers …
    { filePath: 'libs/messaging/src/boundary-fixture.ts', code: importing('eventually', '@cirkel/testing') },
    // … its tests may
    { filePath: 'libs/messaging/test/boundary-fixture.spec.ts', code: importing('eventually', '@cirkel/testing') },
    // runtime builds on messaging
    { filePath: 'libs/runtime/src/boundary-fixture.ts', code: importing('UnitOfWork', '@cirkel/messaging') },
    // apps never import apps (they have no import path, and a relative one into another project is refused)
    { filePath: 'apps/ideas/src/boundary-fixture.ts', code: importing('PartnersModule', '../../partners/src/partners.module') },
    // a lib reaching past its allowed libs without a cycle: only the tags refuse it
    { filePath: 'libs/jobs/src/boundary-fixture.ts', code: importing('Access', '@cirkel/auth') },
  ]);
  expect(contractsToMessaging).toEqual([expect.stringContaining('Circular dependency between "contracts" and "messaging"')]);
  expect(messagingToTesting).toEqual([expect.stringMatching(/tagged with "lib:messaging" can only depend on libs tagged with "lib:contracts", "lib:config", "lib:persistence"$/)]);
  expect(messagingTestToTesting).toEqual([]);
  expect(runtimeToMessaging).toEqual([]);
  expect(appToApp).toEqual(['Projects cannot be imported by a relative or absolute path, and must begin with a npm scope']);
  expect(jobsToAuth).toEqual([expect.stringMatching(/tagged with "lib:jobs" can only depend on libs tagged with /)]);
}, 60_000);
