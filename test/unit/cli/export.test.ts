// `latent-explorer export` end to end: a tiny model trained by the CLI, its latents exported as CSV, NPY and the
// Projector's TSV pair, and all of them read back by Python (numpy, csv, json: the tools the export is for) and
// compared with what the engine and `encode` give for the same images, to float32 precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { idxImages, idxLabels } from '../../fixtures/makeImages';
import { initBackend } from '../../../src/engine/backend';
import { loadDataset } from '../../../src/data/loadDataset';
import { imagesToTensor } from '../../../src/engine/batches';
import { posteriorMeans } from '../../../src/engine/posteriorMeans';
import { loadModel } from '../../../src/store/modelStore';
import { exportPath } from '../../../src/training/exportLatents';

const cli = join(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const PYTHON = '/usr/bin/python3';

/** Reads the three exports with numpy and the standard library and prints what it read, as JSON. */
const READER = String.raw`
import csv, json, sys
import numpy as np
csv_path, npy_path, tsv_path = sys.argv[1:4]
with open(csv_path, newline='') as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
d = (len(header) - 2) // 2
table = np.array([[float(v) for v in r[2:]] for r in body], dtype=np.float64)
mu_csv = table[:, :d].astype(np.float32)
sigma_csv = table[:, d:].astype(np.float32)
mu_npy = np.load(npy_path)
labels = json.load(open(npy_path[:-4] + '.labels.json'))
vectors = np.loadtxt(tsv_path, delimiter='\t', dtype=np.float64, ndmin=2).astype(np.float32)
with open(tsv_path[:-4] + '.metadata.tsv') as f:
    meta = [line.rstrip('\n').split('\t') for line in f]
print(json.dumps({
    'header': header, 'paths': [r[0] for r in body], 'labels': [r[1] for r in body],
    'mu': mu_csv.tolist(), 'sigma': sigma_csv.tolist(),
    'npy_dtype': str(mu_npy.dtype), 'npy_shape': list(mu_npy.shape),
    'npy_equals_csv': bool(np.array_equal(mu_npy, mu_csv)), 'tsv_equals_csv': bool(np.array_equal(vectors, mu_csv)),
    'json_paths': labels['paths'], 'json_labels': labels['labels'], 'meta': meta,
}))
`;

function numpyMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'numpy is not installed for /usr/bin/python3 (apt-get install python3-numpy)';
}

/** |a − b| within float32 rounding of a value of this size (a batch of 1 and a batch of N may round apart). */
function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 2e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

test('export writes CSV, NPY and the Projector pair that Python reads back with the engine\'s and encode\'s numbers', { timeout: 180_000 }, async (t) => {
  const data = writeTinyDataset(24);
  // a file name that needs CSV quoting: a comma and double quotes
  copyFileSync(join(data, 'left', '0.png'), join(data, 'left', 'odd, "name".png'));
  const scratch = tempDir('le-export-');
  const model = join(scratch, 'model');
  const trained = run('train', data, '--out', model, '--epochs', '1', '--latent', '3', '--hidden', '8', '--batch', '8', '--validation', '0');
  assert.equal(trained.status, 0, trained.stderr);

  const outs = { csv: join(scratch, 'z.csv'), npy: join(scratch, 'z.npy'), tsv: join(scratch, 'projector.tsv') };
  for (const out of Object.values(outs)) {
    const r = run('export', model, data, '--out', out, '--json');
    assert.equal(r.status, 0, r.stderr);
    const reply = JSON.parse(r.stdout);
    assert.equal(reply.count, 25);
    assert.equal(reply.latent_dim, 3);
  }
  assert.deepEqual(
    readdirSync(scratch).sort(),
    ['model', 'projector.metadata.tsv', 'projector.tsv', 'z.csv', 'z.labels.json', 'z.npy'],
    'the named files and their siblings, no temporary file left',
  );

  // what the engine gives for the same images: μ in the export's batches, log σ² for σ
  await initBackend();
  const { model: vae } = await loadModel(model);
  const ds = await loadDataset(data, { size: { width: 8, height: 8 } });
  const mu = await posteriorMeans(vae, ds);
  const all = Int32Array.from({ length: ds.count }, (_, i) => i);
  const logvar = tf.tidy(() => vae.encode(imagesToTensor(ds, all)).logvar.dataSync() as Float32Array);
  vae.dispose();
  const paths = ds.sources.map((s) => exportPath(data, s));
  assert.ok(paths.includes('left/odd, "name".png') && paths.every((p) => !p.startsWith('/')), 'paths relative to the dataset, forward slashes');

  const missing = numpyMissing();
  if (missing) {
    t.skip(`reading back in Python skipped: ${missing}`);
    return;
  }
  const py = spawnSync(PYTHON, ['-c', READER, outs.csv, outs.npy, outs.tsv], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const read = JSON.parse(py.stdout);
  assert.deepEqual(read.header, ['path', 'label', 'mu_0', 'mu_1', 'mu_2', 'sigma_0', 'sigma_1', 'sigma_2']);
  assert.deepEqual(read.paths, paths, "Python's csv module reads the quoted name back");
  assert.deepEqual(read.labels, Array.from(ds.labels!, (l) => ds.labelNames[l]));
  assert.equal(read.npy_dtype, 'float32');
  assert.deepEqual(read.npy_shape, [25, 3]);
  assert.ok(read.npy_equals_csv, 'the .npy holds the CSV\'s μ bit for bit');
  assert.ok(read.tsv_equals_csv, 'the Projector vectors are the CSV\'s μ bit for bit');
  assert.deepEqual(read.json_paths, paths);
  assert.deepEqual(read.json_labels, read.labels);
  assert.deepEqual(read.meta[0], ['path', 'label']);
  assert.deepEqual(read.meta.slice(1).map((r: string[]) => r[0]), paths);
  // the same numbers as the engine: μ exactly (same batches), σ = exp(½ log σ²) to float32 rounding
  for (let i = 0; i < ds.count; i++) {
    for (let j = 0; j < 3; j++) {
      assert.equal(read.mu[i][j], mu[i * 3 + j], `μ[${i}][${j}]`);
      close(read.sigma[i][j], Math.exp(logvar[i * 3 + j] / 2), `σ[${i}][${j}]`);
    }
  }
  // and as `encode` gives them, one image at a time, for a few rows (the odd name among them)
  for (const name of ['left/odd, "name".png', 'right/1.png', 'left/22.png']) {
    const i = paths.indexOf(name);
    const enc = run('encode', model, join(data, name), '--json');
    assert.equal(enc.status, 0, enc.stderr);
    const z = JSON.parse(enc.stdout) as { mu: number[]; logvar: number[] };
    for (let j = 0; j < 3; j++) {
      close(read.mu[i][j], z.mu[j], `${name} μ${j}`);
      close(read.sigma[i][j], Math.exp(z.logvar[j] / 2), `${name} σ${j}`);
    }
  }
});

test('export names IDX records <idx file>#<index>, in a folder and for the file itself; bad targets are refused first', { timeout: 120_000 }, () => {
  const root = tempDir('le-export-idx-');
  const data = join(root, 'mnist');
  mkdirSync(data);
  const px = Uint8Array.from({ length: 6 * 64 }, (_, i) => (i * 37) % 256);
  writeFileSync(join(data, 't10k-images-idx3-ubyte'), idxImages(px, 6, 8, 8));
  writeFileSync(join(data, 't10k-labels-idx1-ubyte'), idxLabels([3, 1, 4, 1, 5, 9]));
  const model = join(root, 'model');
  const trained = run('train', data, '--out', model, '--epochs', '1', '--latent', '2', '--hidden', '4', '--batch', '6', '--validation', '0');
  assert.equal(trained.status, 0, trained.stderr);
  const expectPaths = Array.from({ length: 6 }, (_, i) => `t10k-images-idx3-ubyte#${i}`);
  for (const dataset of [data, join(data, 't10k-images-idx3-ubyte')]) {
    const out = join(root, 'idx.csv');
    const r = run('export', model, dataset, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'path,label,mu_0,mu_1,sigma_0,sigma_1');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), expectPaths, dataset);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]), ['3', '1', '4', '1', '5', '9']);
  }
  const badExt = run('export', model, data, '--out', join(root, 'z.txt'));
  assert.equal(badExt.status, 1);
  assert.match(badExt.stderr, /z\.txt: the file name must end in \.csv, \.npy or \.tsv/);
  const noFolder = run('export', model, data, '--out', join(root, 'missing', 'z.csv'));
  assert.equal(noFolder.status, 1);
  assert.match(noFolder.stderr, /the folder .*missing does not exist/);
});
