#!/usr/bin/env node
'use strict';
// Compiles one app with the libs it imports into dist/apps/<app>/ with tsc (the options of
// deploy/tsconfig.build.json), type errors included: `node deploy/build-app.js partners`.
// The Nx target `build` runs it, cached; the app then runs as
//   node -r ./deploy/register-paths.js dist/apps/<app>/apps/<app>/src/main.js

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const app = process.argv[2];
if (!app || !fs.existsSync(path.join(ROOT, 'apps', app, 'src', 'main.ts'))) {
  console.error(`Usage: node deploy/build-app.js <app>   (apps/${app ?? '<app>'}/src/main.ts not found)`);
  process.exit(2);
}

const configFile = path.join(__dirname, 'tsconfig.build.json');
const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
// The app's sources (main.ts, seed.ts, …); tsc follows their imports into libs/.
config.include = [`../apps/${app}/src/**/*.ts`];
const outDir = path.join(ROOT, 'dist', 'apps', app);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, __dirname, { outDir });

fs.rmSync(outDir, { recursive: true, force: true }); // no stale files of deleted sources
const program = ts.createProgram(parsed.fileNames, parsed.options);
const emitted = program.emit();
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
// Files the code reads at run time (e-mail templates) are copied beside the compiled code.
copyTemplates(path.join(ROOT, 'apps', app, 'src'), path.join(outDir, 'apps', app, 'src'));
console.log(`${app}: compiled into ${path.relative(ROOT, outDir)}/`);

function copyTemplates(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name === 'templates') fs.cpSync(path.join(from, entry.name), path.join(to, entry.name), { recursive: true });
    else copyTemplates(path.join(from, entry.name), path.join(to, entry.name));
  }
}
