// The CLI's model variants: train --model cvae (refused on unlabelled data), sample --label, .npy output of sample
// and reconstruct (read back here, and with NumPy when it is installed), eval's −ELBO beside the IWAE bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpyFloat32, encodeNpyFloat32, toNchw } from '../../../src/shared/npy';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';

const cli = join(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const hasNumpy = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

test('.npy v1.0: magic, version, a 64-byte aligned header ending in a newline, little-endian float32 in C order', () => {
  const values = Float32Array.from({ length: 24 }, (_, i) => i / 7 - 1);
  const bytes = encodeNpyFloat32(values, [2, 3, 4]);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const headerLength = bytes[8] | (bytes[9] << 8);
  assert.equal((10 + headerLength) % 64, 0);
  const header = Buffer.from(bytes.subarray(10, 10 + headerLength)).toString('latin1');
  assert.equal(header.trimEnd(), "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }");
  assert.ok(header.endsWith('\n'));
  assert.equal(bytes.length, 10 + headerLength + 24 * 4);
  assert.equal(Buffer.from(bytes).readFloatLE(10 + headerLength + 4 * 5), values[5]);
  assert.deepEqual(decodeNpyFloat32(bytes), { shape: [2, 3, 4], data: values });
  assert.match(Buffer.from(encodeNpyFloat32(new Float32Array(5), [5])).toString('latin1'), /'shape': \(5,\)/);
  // NHWC → NCHW: pixel (y 0, x 1) of channel 2 in image 1 of 2×(1×2×3)
  const nhwc = Float32Array.from({ length: 12 }, (_, i) => i);
  assert.equal(toNchw(nhwc, 2, 1, 2, 3)[((1 * 3 + 2) * 1 + 0) * 2 + 1], nhwc[((1 * 1 + 0) * 2 + 1) * 3 + 2]);
});

test('train --model cvae → sample --label (.npy and PNG) → reconstruct .npy → eval reports −ELBO and the IWAE bound', () => {
  const data = writeTinyDataset(24);
  const out = join(tempDir('le-cvae-cli-'), 'model');
  const t = run('train', data, '--out', out, '--model', 'cvae', '--epochs', '2', '--latent', '2', '--hidden', '16', '--batch', '8', '--json');
  assert.equal(t.status, 0, t.stderr);
  const r = JSON.parse(t.stdout);
  assert.equal(r.model, 'cvae');
  assert.equal(r.net, 'mlp');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.model.model, 'cvae');
  assert.deepEqual(manifest.model.labels, ['left', 'right']);

  const left = join(out, '..', 'left.npy');
  const s = run('sample', out, '--n', '5', '--label', 'left', '--out', left);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stderr, /under label left/);
  const a = decodeNpyFloat32(readFileSync(left));
  assert.deepEqual(a.shape, [5, 1, 8, 8]);
  for (const v of a.data) assert.ok(v >= 0 && v <= 1, `a mean in [0, 1]: ${v}`);
  const right = join(out, '..', 'right.npy');
  assert.equal(run('sample', out, '--n', '5', '--label', 'right', '--out', right).status, 0);
  const b = decodeNpyFloat32(readFileSync(right));
  assert.notDeepEqual(b.data, a.data, 'the same z (same seed) under another label decodes differently');
  if (hasNumpy) {
    const py = spawnSync('/usr/bin/python3', ['-c', 'import numpy,sys; a=numpy.load(sys.argv[1]); print(a.dtype.str, a.shape, repr(float(a[4,0,7,3])))', left], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    // both print the shortest text that reads back as the same double
    assert.equal(py.stdout.trim(), `<f4 (5, 1, 8, 8) ${String(a.data[4 * 64 + 7 * 8 + 3])}`);
  }
  const png = run('sample', out, '--n', '4', '--out', join(out, '..', 'all.png'));
  assert.equal(png.status, 0, png.stderr);
  assert.match(png.stderr, /under the labels left, right in turn/);

  const unknown = run('sample', out, '--label', 'up', '--out', join(out, '..', 'x.npy'));
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /Unknown label "up": this model's labels are left, right\./);

  const rec = join(out, '..', 'rec.npy');
  const rr = run('reconstruct', out, data, '--n', '6', '--out', rec);
  assert.equal(rr.status, 0, rr.stderr);
  assert.deepEqual(decodeNpyFloat32(readFileSync(rec)).shape, [6, 1, 8, 8]);

  const e = run('eval', out, data, '--iwae-k', '10', '--json');
  assert.equal(e.status, 0, e.stderr);
  const ev = JSON.parse(e.stdout);
  assert.equal(ev.model, 'cvae');
  assert.equal(ev.iwae_bound, -ev.iwae_nll);
  assert.ok(Number.isFinite(ev.neg_elbo) && Number.isFinite(ev.iwae_bound));

  // an image without its label: encoded under the label the model finds most likely, with p(y|x) for each
  const image = join(data, readdirSync(data).sort()[0], readdirSync(join(data, readdirSync(data).sort()[0]))[0]);
  const enc = run('encode', out, image, '--json');
  assert.equal(enc.status, 0, enc.stderr);
  const z = JSON.parse(enc.stdout);
  assert.equal(z.mu.length, 2);
  assert.equal(z.label.inferred, true);
  const probabilities = Object.values(z.label.probabilities) as number[];
  assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.equal(z.label.probabilities[z.label.name], Math.max(...probabilities));
  const given = JSON.parse(run('encode', out, image, '--label', z.label.name, '--json').stdout);
  assert.deepEqual(given.mu, z.mu, 'the same label given explicitly encodes the same');
  // the aggregate posterior's mixture is fitted to μ(x) without labels: not for a conditional model
  const refused = run('sample', out, '--aggregate', data, '--out', join(out, '..', 'agg.npy'));
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /--aggregate .* needs an unconditional model with a Gaussian posterior \(this one is a cvae\)/);
});

test('--model cvae on unlabelled images is refused before anything is written; --label on a plain VAE is refused', () => {
  const labelled = writeTinyDataset(12);
  const flat = tempDir('le-flat-');
  mkdirSync(flat, { recursive: true });
  // the same images in one folder: no subfolders, no labels
  for (const cls of ['left', 'right']) for (const name of readdirSync(join(labelled, cls))) renameSync(join(labelled, cls, name), join(flat, `${cls}-${name}`));
  const out = join(tempDir('le-flat-out-'), 'model');
  const t = run('train', flat, '--out', out, '--model', 'cvae', '--epochs', '1');
  assert.equal(t.status, 1, t.stderr);
  assert.match(t.stderr, /no labels: a conditional VAE \(model cvae\) needs at least two/);
  const vae = run('train', flat, '--out', out, '--epochs', '1', '--latent', '2', '--hidden', '8', '--model', 'iwae', '--k', '3', '--json');
  assert.equal(vae.status, 0, vae.stderr);
  assert.equal(JSON.parse(vae.stdout).model, 'iwae');
  const s = run('sample', out, '--label', 'left', '--out', join(out, '..', 's.png'));
  assert.equal(s.status, 1);
  assert.match(s.stderr, /this model is not conditional \(model iwae\)/);
});
