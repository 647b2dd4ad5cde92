// Loading benchmark (performance target 6): a folder of 60 000 PNGs must load at least as fast as Python/PIL on
// the same files, and use both cores. Writes the folder once (bench/fashionPngs.mjs), then in one run times our
// loader (loadDataset through out/bench/load.js: in the loading thread, one decode worker, the default pool) and
// the PIL peer (bench/peers/pil_load.py, one process). Every setting runs once untimed first so all read from the
// page cache; then the runs take turns, and each setting's best of --runs counts. Prints a markdown section and
// writes it to --out. Build first: node scripts/build.mjs && node bench/loading.mjs
// Options: --dir DIR (/tmp/latent-explorer-bench-png), --runs N (3), --out FILE (bench/loading.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';
import { fashionPngFolder } from './fashionPngs.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(repo, 'out/bench/load.js');
const PEER = join(repo, 'bench/peers/pil_load.py');
const PYTHON = '/usr/bin/python3';

function fail(message) {
  console.error(message);
  process.exit(1);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: join(tmpdir(), 'latent-explorer-bench-png') },
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: join(repo, 'bench/loading.md') },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, got "${values.runs}"`);
  return { dir: values.dir, runs, out: values.out };
}

function checkPrerequisites() {
  if (!existsSync(ENTRY)) fail(`${ENTRY} is missing: build first (node scripts/build.mjs).`);
  if (spawnSync(PYTHON, ['-c', 'import PIL, numpy'], { stdio: 'ignore' }).status !== 0) {
    fail(`${PYTHON} cannot import PIL and numpy. Install them: apt-get install -y python3-pil python3-numpy`);
  }
}

/** What is measured: our loader at three thread settings, and the peer. */
function settings(root) {
  const ours = (threads, label) => {
    const env = { ...process.env };
    delete env.LATENT_EXPLORER_LOAD_THREADS;
    if (threads !== null) env.LATENT_EXPLORER_LOAD_THREADS = String(threads);
    const prefix = threads === null ? '' : `LATENT_EXPLORER_LOAD_THREADS=${threads} `;
    return {
      loader: 'Latent Explorer (loadDataset)',
      label,
      command: `${prefix}node ${relative(repo, ENTRY)} ${root}`,
      run: () => runJson(process.execPath, [ENTRY, root], env),
    };
  };
  return [
    ours(0, 'in the loading thread (LATENT_EXPLORER_LOAD_THREADS=0)'),
    ours(1, 'one decode worker (LATENT_EXPLORER_LOAD_THREADS=1)'),
    ours(null, `default pool: min(cores, 4) = ${Math.min(availableParallelism(), 4)} decode workers`),
    {
      loader: 'Python + PIL (peer)',
      label: 'one process: Image.open → numpy.asarray → numpy.stack',
      command: `${PYTHON} ${relative(repo, PEER)} ${root}`,
      run: () => runJson(PYTHON, [PEER, root], process.env),
      peer: true,
    },
  ];
}

function check(s, r, expected) {
  if (r.loaded !== expected || (r.skipped ?? 0) !== 0) {
    throw new Error(`${s.command}: loaded ${r.loaded} of ${expected} images (${r.skipped ?? 0} skipped)`);
  }
}

function measure(list, runs, expected) {
  for (const s of list) {
    process.stderr.write(`warm-up: ${s.command}\n`);
    check(s, s.run(), expected);
    s.results = [];
  }
  for (let i = 0; i < runs; i++) {
    for (const s of list) {
      const r = s.run();
      check(s, r, expected);
      process.stderr.write(`run ${i + 1}/${runs}: ${r.seconds.toFixed(3)} s  ${s.command}\n`);
      s.results.push(r);
    }
  }
  for (const s of list) s.best = s.results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function cpuModel() {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
  return line ? line.split(':')[1].trim() : 'unknown';
}

function render(list, data, runs, loadStart) {
  const peer = list.find((s) => s.peer).best;
  const fmt = (x, d) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const rows = list.map((s) => {
    const b = s.best;
    const perSec = data.count / b.seconds;
    const vsPil = peer.seconds / b.seconds;
    const all = s.results.map((r) => r.seconds.toFixed(2)).join(', ');
    return `| ${s.loader} | ${s.label} | ${fmt(b.seconds, 2)} (${all}) | ${Math.round(perSec).toLocaleString('en-US')} | ${s.peer ? '1' : `${fmt(vsPil, 2)}×`} | ${fmt(b.cpuSeconds / b.seconds, 2)} | ${fmt(b.processWall, 2)} |`;
  });
  const pooled = list.find((s) => s.label.startsWith('default pool')).best;
  return [
    '## Loading a folder of 60 000 PNGs',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpuModel()} × ${availableParallelism()} cores (load average ${loadStart.toFixed(2)} at the start), ` +
      `Node ${process.versions.node}, Python ${peer.python} with Pillow ${peer.pil} and numpy ${peer.numpy}.`,
    '',
    `Data: ${data.count.toLocaleString('en-US')} Fashion-MNIST training images as ${data.width}×${data.height} 8-bit gray PNGs in ` +
      `${data.classes} class folders, all in the page cache (every setting ran once untimed first). Load time is the best of ` +
      `${runs} runs (all runs in brackets), measured inside the process around the load alone, start-up and imports left out; ` +
      'CPU / wall is the process\'s CPU time (every thread) over that same interval. Process wall is the whole process ' +
      '(/usr/bin/time) of the best run.',
    '',
    '| Loader | Setting | Load time, s | Files/s | Speed vs PIL | CPU / wall | Process wall, s |',
    '|---|---|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    `Our default pool loads ${fmt(peer.seconds / pooled.seconds, 2)}× as fast as PIL and keeps ${fmt(pooled.cpuSeconds / pooled.seconds, 2)} cores busy on average.`,
    '',
    'Commands:',
    '',
    '```',
    'node scripts/build.mjs && node bench/loading.mjs',
    ...list.map((s) => s.command),
    '```',
    '',
  ].join('\n');
}

function main() {
  const opt = parseOptions();
  checkPrerequisites();
  const data = fashionPngFolder(opt.dir);
  const loadStart = loadavg()[0];
  if (loadStart > 1) process.stderr.write(`warning: load average ${loadStart.toFixed(2)}: other work is running, figures will be low\n`);
  const list = settings(data.root);
  measure(list, opt.runs, data.count);
  const md = render(list, data, opt.runs, loadStart);
  writeFileSync(opt.out, md);
  process.stdout.write(md);
}

main();
