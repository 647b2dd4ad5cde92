// What opening a model and encoding an image cost in job processes and wall time, driven the way the extension
// host drives them but without VS Code: "open" asks for the spread preview (16 images) and the PCA latent map
// (every image; 2 000 before issue 12) at once, as showSavedModel does, and waits for both; "encode" is one Encode Image after that
// (an image of the model's dataset, with its neighbours); "interpolate" encodes two images, as Interpolate
// Between Images does. Every fork() of the host is counted, and the CPU time its job processes used (user +
// system, read from this process's cutime/cstime once they have exited: load on the machine does not inflate it
// the way it inflates wall time). Each round starts cold (a new panel's job) and ends with its processes gone.
//
// Measures the tree given by --repo: its job host is src/extension/modelJob.ts (one long-lived process per model)
// when present, else src/extension/workerHost.ts (a process per request, before commit "one job process per
// open model"). Build that tree first (npm run build), and train the model once:
//   node dist/cli.js train samples/fashion-mnist --out /tmp/h3-model --epochs 1
//   node --import tsx bench/openModel.mjs --model /tmp/h3-model [--repo DIR] [--rounds 3] > after.json
// and the Markdown section BENCHMARKS.md quotes (bench/openModel.md) from two such runs (of the old tree and the new):
//   node bench/openModel.mjs --compare before.json after.json > bench/openModel.md
import childProcess from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repo: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '..') },
    model: { type: 'string', default: '/tmp/h3-model' },
    rounds: { type: 'string', default: '3' },
    compare: { type: 'boolean' },
  },
});
if (values.compare) {
  console.log(compare(...positionals.map((f) => JSON.parse(readFileSync(f, 'utf8')))));
  process.exit(0);
}

/** The BENCHMARKS.md section for a run of the old job host and one of the new. */
function compare(before, after) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const row = (what, k) => `| ${what} | ${before[k].forks} | ${after[k].forks} | ${s(before[k].medianMs)} | ${s(after[k].medianMs)} | ${(before[k].medianMs / after[k].medianMs).toFixed(1)}× |`;
  return [
    '### Opening a model and encoding an image: job processes',
    '',
    `Measured ${before.measured.slice(0, 16)}Z (old) and ${after.measured.slice(0, 16)}Z (new) by \`node --import tsx bench/openModel.mjs\` on a model trained with \`node dist/cli.js train samples/fashion-mnist --out /tmp/h3-model --epochs 1\` (${before.images} images, 784-400-20), ${before.rounds} cold rounds each, medians; load average ${before.load.toFixed(1)} and ${after.load.toFixed(1)} on 2 cores (other work was running: the wall times are inflated, the process counts and CPU seconds are not).`,
    '',
    `Old: ${before.host}. New: ${after.host}.`,
    '',
    '| | processes forked, old | new | wall time, old | new | speed-up |',
    '|---|---:|---:|---:|---:|---:|',
    row('open a model (preview + PCA map)', 'open'),
    row('then one Encode Image', 'encode'),
    row('then Interpolate (two encodes)', 'interpolate'),
    '',
    `CPU time of the job processes for one round (open, encode, interpolate): **${before.jobCpuSeconds.median.toFixed(2)} s old, ${after.jobCpuSeconds.median.toFixed(2)} s new** (user + system, median).`,
  ].join('\n');
}
const repo = values.repo;
const modelDir = values.model;
const rounds = Number(values.rounds);
if (!existsSync(join(modelDir, 'manifest.json'))) throw new Error(`${modelDir} holds no model: train one first (see the top of this file).`);
const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
const image = firstImage(manifest.dataset.root);

// count the host's forks: patch child_process.fork for CommonJS callers and ES-module named imports alike
let forks = 0;
let exits = [];
const realFork = childProcess.fork;
childProcess.fork = (...args) => {
  forks++;
  const child = realFork(...args);
  exits.push(new Promise((r) => child.once('exit', r)));
  return child;
};
syncBuiltinESMExports();

const TICKS = Number(childProcess.execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
/** CPU seconds (user + system) of this process's children that have exited and been reaped (Linux). */
function childCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // fields after "pid (comm) ": state is field 3, cutime 16, cstime 17
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / TICKS;
}

function firstImage(root) {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    const entries = childProcess.execFileSync('ls', ['-1', dir], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    const png = entries.find((n) => n.endsWith('.png'));
    if (png) return join(dir, png);
    for (const n of entries.reverse()) if (!n.includes('.')) stack.push(join(dir, n));
  }
  throw new Error(`no PNG under ${root}`);
}

/** The same three actions on whichever job host the tree has. */
async function jobHost() {
  const modern = join(repo, 'src/extension/modelJob.ts');
  if (existsSync(modern)) {
    const { ModelJob } = await import(pathToFileURL(modern).href);
    return {
      name: 'one long-lived job process per open model (src/extension/modelJob.ts)',
      open: () => new ModelJob(repo, modelDir),
      preview: (job) => job.preview(16, 'spread'),
      latentMap: (job) => job.latentMap({ method: 'pca' }).reply,
      encode: (job, path) => job.encode(path),
      close: (job) => job.dispose(),
    };
  }
  const { WorkerJob } = await import(pathToFileURL(join(repo, 'src/extension/workerHost.ts')).href);
  const run = (message) => new WorkerJob(repo, message, () => undefined).done;
  return {
    name: 'a job process per request (src/extension/workerHost.ts)',
    open: () => null,
    preview: () => run({ type: 'preview', modelDir, count: 16, order: 'spread' }),
    latentMap: () => run({ type: 'latentMap', modelDir, spec: { method: 'pca' } }),
    encode: (_, path) => run({ type: 'encode', modelDir, imagePath: path }),
    close: () => undefined,
  };
}

async function timed(what) {
  const f0 = forks;
  const t0 = performance.now();
  await what();
  return { ms: performance.now() - t0, forks: forks - f0 };
}

const host = await jobHost();
const results = { open: [], encode: [], interpolate: [] };
const cpu = [];
for (let r = 0; r < rounds; r++) {
  const cpu0 = childCpuSeconds();
  const job = host.open();
  try {
    results.open.push(await timed(() => Promise.all([host.preview(job), host.latentMap(job)])));
    results.encode.push(await timed(() => host.encode(job, image)));
    results.interpolate.push(await timed(async () => {
      await host.encode(job, image);
      await host.encode(job, image);
    }));
  } finally {
    host.close(job);
  }
  await Promise.all(exits);
  exits = [];
  cpu.push(childCpuSeconds() - cpu0);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(results).map(([k, v]) => [k, { medianMs: Math.round(median(v.map((x) => x.ms))), forks: median(v.map((x) => x.forks)), runsMs: v.map((x) => Math.round(x.ms)) }]),
);
const jobCpuSeconds = { median: median(cpu), runs: cpu.map((x) => Number(x.toFixed(2))) };
console.log(JSON.stringify({ measured: new Date().toISOString(), load: loadavg()[0], host: host.name, model: modelDir, images: manifest.dataset.count, rounds, ...summary, jobCpuSeconds }, null, 2));
