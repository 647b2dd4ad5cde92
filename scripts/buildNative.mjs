// Builds the optional native kernels addon (native/*.cc → dist/kernels.node) with the system C++ compiler and
// Node's own headers; no node-gyp, no download. When either is missing it says so and exits 0: the extension
// then runs on tfjs-wasm alone (same results, slower training). `--require` makes a failure an error (CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'dist', 'kernels.node');
const required = process.argv.includes('--require');

function skip(reason) {
  const message = `native kernels not built: ${reason}. Training uses tfjs-wasm alone (same results, about 2× slower).`;
  if (required) {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}

if (process.platform !== 'linux') skip(`only Linux builds are set up (this is ${process.platform})`);
if (process.env.LATENT_EXPLORER_NATIVE === '0') skip('LATENT_EXPLORER_NATIVE=0');

/** Node's headers: npm's nodedir setting, then beside the running node (Debian's nodejs and the official tarballs). */
function nodeHeaders() {
  const prefixes = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..')].filter(Boolean);
  for (const p of prefixes) {
    for (const dir of [join(p, 'include', 'node'), join(p, 'src')]) {
      if (existsSync(join(dir, 'node_api.h'))) return dir;
    }
  }
  return null;
}

const headers = nodeHeaders();
if (!headers) skip("Node's headers (node_api.h) were not found");
const cxx = process.env.CXX || 'g++';
if (spawnSync(cxx, ['--version'], { stdio: 'ignore' }).status !== 0) skip(`no C++ compiler (${cxx})`);

const sources = readdirSync(join(repo, 'native'))
  .filter((f) => f.endsWith('.cc'))
  .map((f) => join(repo, 'native', f));
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
// -O3 -fno-math-errno for the vectorised Adam loop (errno handling of sqrt blocks vectorisation); no -march: the binary must run on any x86-64 (target_clones picks AVX2)
const args = ['-O3', '-fno-math-errno', '-std=c++17', '-shared', '-fPIC', '-fvisibility=hidden', `-I${headers}`, ...sources, '-o', tmp, '-ldl'];
const r = spawnSync(cxx, args, { encoding: 'utf8' });
if (r.status !== 0) {
  rmSync(tmp, { force: true });
  skip(`${cxx} failed:\n${r.stderr}`);
}
// rename: a running process that has the old file loaded keeps its copy
renameSync(tmp, out);
console.log(`native kernels: ${out}`);
