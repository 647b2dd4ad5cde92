// `npm run package`: the two .vsix files, packed offline with @vscode/vsce from a staged copy of the tree.
//   latent-explorer-<version>-linux-x64.vsix   with the native kernels (dist/kernels.node, built here; required)
//   latent-explorer-<version>.vsix             universal, without them: every other platform, on tfjs-wasm alone
// Each is checked against its size budget and its contents listed and checked: no sources, tests, benchmarks,
// native sources, samples, node_modules or source maps; the bundles, the .wasm files and the icons present.
//   node scripts/package.mjs [--out DIR]       (default out/packages/)
// The copy is the tree a clean clone has (git's tracked and unignored files, as they are in the working tree) plus a
// production build of its own, so a concurrent `npm run build` in the working tree cannot mix into a package and the
// working tree's dist/ keeps its kernels and source maps.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
// Measured 2026-11-30 (0.1.0): linux-x64 1.90 MB, universal 1.88 MB (zipped: the minified bundles ~1.07 MB, the
// .wasm files ~0.40 MB, the two README screenshots ~0.48 MB, the kernels 24 KB). The budgets leave ~1.1 MB of
// headroom: going past one means something new ships (a dependency bundled twice, a data file, unminified bundles,
// another screenshot in the README).
// onnxruntime-web (issue 13: imported ONNX models) adds its one plain WebAssembly build, 14.2 MB → 3.70 MB zipped,
// its glue and the ONNX thread (~26 KB zipped): 6.14 MB measured 2026-11-30 07:46 UTC (npm run package); the
// package's other three wasm variants (asyncify, JSEP, JSPI: 72 MB) are not shipped.
export const BUDGETS = { 'linux-x64': 7 * MB, universal: 7 * MB };
// what the extension loads at run time (vsce renames README.md, CHANGELOG.md and LICENSE as below)
const REQUIRED = [
  'package.json',
  'package.nls.json',
  'package.nls.ja.json',
  'l10n/bundle.l10n.ja.json',
  'readme.md',
  'LICENSE.txt',
  'changelog.md',
  'media/icon.png',
  'media/latent-explorer.svg',
  'media/panel.css',
  'dist/extension.js',
  'dist/worker.js',
  'dist/decodeWorker.js',
  'dist/cli.js',
  'dist/webview.js',
  'dist/sideview.js',
  'dist/tfjs-backend-wasm.wasm',
  'dist/tfjs-backend-wasm-simd.wasm',
  'dist/tfjs-backend-wasm-threaded-simd.wasm',
];
const FORBIDDEN = [
  [/\.ts$/, 'TypeScript source'],
  [/\.map$/, 'source map'],
  [/^(src|test|bench|native|samples|scripts|out|models|node_modules|\.vscode-test|\.ci)\//, 'not part of the extension'],
  [/(^|\/)node_modules\//, 'node_modules (the bundles are self-contained)'],
  [/^tsconfig\.json$|^eslint\.config\.mjs$|^package-lock\.json$|^\./, 'a development file'],
];

function fail(message) {
  throw new Error(message);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`${[cmd, ...args].join(' ')} exited with ${r.status ?? r.signal}`);
}

/** The file names in a .vsix (a zip): its central directory, read from the end-of-central-directory record. */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end-of-central-directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: damaged central directory at entry ${n}`);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The relative files README.md links to: they ship, so its images and links work in the Extensions view. */
function readmeFiles(dir) {
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  const out = new Set();
  for (const m of text.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)) {
    if (!/^[a-z][\w+.-]*:/i.test(m[1])) out.add(m[1].replace(/^\.\//, ''));
  }
  return out;
}

/** Problems with a package's file list; `native` says whether dist/kernels.node belongs in it. */
export function checkContents(entries, { native, readmeLinks }) {
  const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => e.name.slice('extension/'.length));
  const problems = [];
  for (const f of files) {
    for (const [re, why] of FORBIDDEN) if (re.test(f)) problems.push(`${f}: ${why}`);
    if (f.startsWith('docs/') && !readmeLinks.has(f)) problems.push(`${f}: docs/ ships only what README.md links to`);
  }
  for (const f of REQUIRED) if (!files.includes(f)) problems.push(`${f} is missing`);
  for (const f of readmeLinks) if (!files.includes(f)) problems.push(`${f} (linked from README.md) is missing`);
  const hasKernels = files.includes('dist/kernels.node');
  if (native && !hasKernels) problems.push('dist/kernels.node is missing from the linux-x64 package');
  if (!native && hasKernels) problems.push('dist/kernels.node is in the universal package');
  return problems;
}

const mb = (n) => `${(n / MB).toFixed(2)} MB`;

function stageTree() {
  mkdirSync(join(root, 'out'), { recursive: true });
  const stage = mkdtempSync(join(root, 'out', 'package-stage-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`);
  let copied = 0;
  for (const rel of listed.stdout.split('\0')) {
    if (!rel) continue;
    const from = join(root, rel);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted in the working tree, or a submodule
    const to = join(stage, rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    chmodSync(to, statSync(from).mode & 0o777);
    copied++;
  }
  // the build resolves esbuild and the bundled dependencies from here; removed again before packing
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
  return { stage, copied };
}

function pack(stage, target, outFile) {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) fail('@vscode/vsce is not installed: run npm ci');
  // no repository URL exists yet: say so instead of inventing one; README's relative links stay relative and the
  // files they name ship in the package (see readmeFiles), so they resolve in VS Code's Extensions view
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', outFile];
  if (target !== 'universal') args.push('--target', target);
  run(process.execPath, args, { cwd: stage });
}

function main() {
  const outIdx = process.argv.indexOf('--out');
  const outDir = resolve(outIdx > 0 ? process.argv[outIdx + 1] : join(root, 'out', 'packages'));
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const started = Date.now();
  const { stage, copied } = stageTree();
  try {
    console.log(`staged ${copied} files in ${stage}; building for production…`);
    // the linux-x64 package must carry the kernels: a build that cannot make them is an error here
    run(process.execPath, [join(stage, 'scripts', 'build.mjs'), '--production'], { cwd: stage, env: { ...process.env, LATENT_EXPLORER_REQUIRE_NATIVE: '1' } });
    rmSync(join(stage, 'node_modules'));
    rmSync(join(stage, 'out'), { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const readmeLinks = readmeFiles(stage);
    const packages = [
      { target: 'linux-x64', file: join(outDir, `${name}-${version}-linux-x64.vsix`), native: true },
      { target: 'universal', file: join(outDir, `${name}-${version}.vsix`), native: false },
    ];
    let problems = 0;
    for (const p of packages) {
      // the universal package is the same tree without the addon (the extension then runs on tfjs-wasm alone)
      if (!p.native) rmSync(join(stage, 'dist', 'kernels.node'), { force: true });
      rmSync(p.file, { force: true });
      pack(stage, p.target, p.file);
      const entries = zipEntries(p.file);
      const size = statSync(p.file).size;
      const budget = BUDGETS[p.target];
      console.log(`\n${p.file}: ${mb(size)} (budget ${mb(budget)}), ${entries.length} entries:`);
      for (const e of entries) console.log(`  ${e.name.padEnd(58)} ${String(e.size).padStart(9)} → ${String(e.compressed).padStart(9)}`);
      const found = checkContents(entries, { native: p.native, readmeLinks });
      if (size > budget) found.push(`${mb(size)} is over the ${p.target} budget of ${mb(budget)}`);
      for (const f of found) console.error(`  ✗ ${f}`);
      if (!found.length) console.log(`  ✓ contents and size`);
      problems += found.length;
    }
    writeFileSync(join(outDir, 'packages.json'), JSON.stringify(packages.map((p) => ({ target: p.target, file: p.file, bytes: statSync(p.file).size, budget: BUDGETS[p.target] })), null, 2) + '\n');
    if (problems) fail(`${problems} problem(s) with the packages above`);
    console.log(`\npackaged in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exitCode = 1;
  }
}
