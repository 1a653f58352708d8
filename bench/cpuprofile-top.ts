/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof, or `npm run bench:gateway -- --cpu-prof DIR`) and prints
 * where the time went: the functions with the most self time, the packages (by node_modules folder,
 * or our own code) with the most self time, and the heaviest paths top-down.
 *
 *   node -r @swc-node/register bench/cpuprofile-top.ts FILE.cpuprofile [--top 30] [--depth 14] [--min 2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, depth: { type: 'string', default: '14' }, min: { type: 'string', default: '2' } },
});
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node from the samples and their time deltas (more exact than hitCount × interval).
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const totalMs = [...self.values()].reduce((a, b) => a + b, 0);

const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
const where = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/work\/main\//, '');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};
const packageOf = (n: ProfileNode) => {
  const { url, functionName } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.replace(/^file:\/\//, '').replace(/^.*\/work\/main\//, '').split('/').slice(0, 2).join('/');
};

const busyMs = [...self.entries()].filter(([id]) => !idle.has(byId.get(id)!.callFrame.functionName)).reduce((a, [, ms]) => a + ms, 0);
const pct = (ms: number) => `${((ms / busyMs) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(`${positionals[0]}: ${(totalMs / 1000).toFixed(1)} s profiled, ${(busyMs / 1000).toFixed(1)} s busy (not idle, program or GC)\n`);
for (const name of idle) {
  const ms = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === name).reduce((a, [, v]) => a + v, 0);
  process.stdout.write(`  ${name}: ${(ms / 1000).toFixed(1)} s\n`);
}

const top = Number(args.top);
const sum = (key: (n: ProfileNode) => string) => {
  const totals = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    if (idle.has(n.callFrame.functionName)) continue;
    totals.set(key(n), (totals.get(key(n)) ?? 0) + ms);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
};
process.stdout.write('\nself time by package (share of busy time):\n');
for (const [name, ms] of sum(packageOf)) process.stdout.write(`  ${pct(ms)}  ${name}\n`);
process.stdout.write('\nself time by function:\n');
for (const [name, ms] of sum(where)) process.stdout.write(`  ${pct(ms)}  ${name}\n`);

// Top-down: inclusive time of each node, printed as a tree down to --depth, nodes under --min % left out.
const inclusive = new Map<number, number>();
const total = (id: number): number => {
  const n = byId.get(id)!;
  const ms = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + total(c), 0);
  inclusive.set(id, ms);
  return ms;
};
const root = profile.nodes[0];
total(root.id);
const minMs = (Number(args.min) / 100) * busyMs;
const maxDepth = Number(args.depth);
process.stdout.write(`\ntop-down (inclusive, nodes ≥ ${args.min}% of busy time):\n`);
const walk = (id: number, depth: number) => {
  const n = byId.get(id)!;
  const children = (n.children ?? []).filter((c) => (inclusive.get(c) ?? 0) >= minMs).sort((a, b) => inclusive.get(b)! - inclusive.get(a)!);
  if (depth > 0 && !idle.has(n.callFrame.functionName)) process.stdout.write(`${'  '.repeat(depth)}${pct(inclusive.get(id)!)}  ${where(n)}\n`);
  if (depth < maxDepth) for (const c of children) walk(c, depth + 1);
};
walk(root.id, 0);
