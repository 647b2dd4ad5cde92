// `npm test`: builds, then runs every suite with node's test runner: unit, webview (headless Chromium) and
// integration (a real VS Code extension host via code-server). `npm test -- unit` (or webview, integration)
// runs one suite. Ends with node's own summary and a plain `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the benchmark's report arithmetic is unit-tested beside it (bench/report.test.mjs)
const suites = { unit: ['test/unit', 'bench'], webview: ['test/webview'], integration: ['test/integration'] };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = wanted.length ? wanted : Object.keys(suites);

function findTests(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'suite' && name !== 'fixtures' && name !== 'peers') out.push(...findTests(p));
    } else if (name.endsWith('.test.ts') || name.endsWith('.test.mjs')) out.push(p);
  }
  return out;
}

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = [];
for (const s of chosen) {
  if (!suites[s]) {
    console.error(`unknown suite "${s}"; choose from ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  for (const dir of suites[s]) files.push(...findTests(join(root, dir)));
}
mkdirSync(join(root, 'out'), { recursive: true });
// tests make their scratch folders as le-* under the system's temporary folder and must remove them
const scratch = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('le-')));
const scratchBefore = scratch();
const tap = join(root, 'out/test-results.tap');
const run = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ],
  { stdio: 'inherit', cwd: root },
);
let pass = 0;
let fail = 0;
try {
  const text = readFileSync(tap, 'utf8');
  pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
} catch {
  fail = Math.max(fail, 1);
}
const left = [...scratch()].filter((n) => !scratchBefore.has(n));
if (left.length) {
  // in CI nothing else runs beside the suite, so a leftover is a test that does not clean up: a failure there
  console.log(`${left.length} temporary folder(s) left behind in ${tmpdir()} by the tests: ${left.slice(0, 10).join(', ')}`);
  if (process.env.CI) fail += 1;
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(run.status === 0 && fail === 0 ? 0 : 1);
