// Importing ONNX VAEs (src/training/importOnnx.ts): the PyTorch-made fixtures of test/fixtures/onnx/ (made by
// make_fixtures.py) load and give PyTorch's own outputs; every hostile or wrong file is one line naming the file
// and the reason, and nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { loadModel, readManifest, updateManifest } from '../../../src/store';
import { importOnnxModel, type ImportOptions } from '../../../src/training/importOnnx';
import { isUserError } from '../../../src/shared/userError';
import { tempDir } from '../../helpers/tempDir';

const FIX = join(__dirname, '../../fixtures/onnx');
const fx = (name: string) => join(FIX, name);
const expected = JSON.parse(readFileSync(fx('expected.json'), 'utf8')) as { x: number[]; mu: number[]; logvar: number[]; logits: number[] };

function options(out: string, change: Partial<ImportOptions> = {}): ImportOptions {
  return { encoder: fx('enc.onnx'), decoder: fx('dec.onnx'), out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1, ...change };
}

/** x of expected.json (two 1×8×8 images, NCHW = NHWC for one channel) as our flat rows. */
const xRows = () => tf.tensor2d(expected.x, [2, 64]);

function close(actual: ArrayLike<number>, want: number[], tol: number, what: string): void {
  assert.equal(actual.length, want.length, what);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(actual[i] - want[i]) <= tol, `${what}[${i}]: ${actual[i]} vs PyTorch ${want[i]}`);
}

test('an imported PyTorch VAE encodes and decodes as PyTorch did (within 1e-5), and records where it came from', async () => {
  await initBackend();
  const out = join(tempDir('le-onnx-'), 'model');
  const result = await importOnnxModel(options(out));
  assert.deepEqual(result.config.inputShape, [8, 8, 1]);
  assert.equal(result.config.latentDim, 3);
  const manifest = await readManifest(out);
  assert.equal(manifest.onnx?.encoder.source, 'enc.onnx');
  assert.equal(manifest.onnx?.encoder.producerName, 'pytorch');
  assert.equal(manifest.onnx?.encoder.opset, 13);
  assert.match(manifest.onnx!.decoder.file, /^decoder-[0-9a-f]{16}\.onnx$/);
  const { model } = await loadModel(out);
  try {
    const { mu, logvar } = model.encode(xRows());
    close(mu.dataSync(), expected.mu, 1e-5, 'mu');
    close(logvar.dataSync(), expected.logvar, 1e-5, 'logvar');
    close(model.decodeRaw(mu).dataSync(), expected.logits, 1e-5, 'logits');
    const mean = model.decode(mu).dataSync();
    close(mean, expected.logits.map((l) => 1 / (1 + Math.exp(-l))), 1e-5, 'E[x|z]');
    const terms = model.lossTerms(xRows(), 1);
    assert.ok(terms.recon.dataSync().every(Number.isFinite) && terms.klPerDim.shape[1] === 3);
  } finally {
    model.dispose();
  }
});

test('the NHWC twin of the model imports with --layout nhwc and gives the same μ', async () => {
  await initBackend();
  const out = join(tempDir('le-onnx-'), 'nhwc');
  await importOnnxModel(options(out, { encoder: fx('enc_nhwc.onnx'), decoder: fx('dec_nhwc.onnx'), layout: 'nhwc' }));
  const { model } = await loadModel(out);
  try {
    close(model.encode(xRows()).mu.dataSync(), expected.mu, 1e-5, 'mu');
    close(model.decodeRaw(tf.tensor2d(expected.mu, [2, 3])).dataSync(), expected.logits, 1e-5, 'logits');
  } finally {
    model.dispose();
  }
});

test('an evaluation is recorded in an imported model\'s manifest without touching its files', async () => {
  await initBackend();
  const out = join(tempDir('le-onnx-'), 'model');
  await importOnnxModel(options(out));
  const before = readdirSync(out).sort();
  await updateManifest(out, { evaluation: { negElbo: 1, recon: 1, kl: 0, klPerDim: [0, 0, 0], activeUnits: 0, nImages: 2, iwaeNll: null, iwaeK: null } });
  assert.equal((await readManifest(out)).evaluation?.nImages, 2);
  assert.deepEqual(readdirSync(out).sort(), before);
});

test('a changed ONNX file in the model folder is refused on load (SHA-256), naming it', async () => {
  const out = join(tempDir('le-onnx-'), 'model');
  await importOnnxModel(options(out));
  const file = join(out, (await readManifest(out)).onnx!.encoder.file);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(file, bytes);
  await assert.rejects(loadModel(out), (e: Error) => isUserError(e) && e.message.includes(file) && /SHA-256/.test(e.message));
});

/** Each refused import: a UserError of one line matching `pattern`, and no model folder. */
async function refused(change: Partial<ImportOptions>, pattern: RegExp): Promise<void> {
  const out = join(tempDir('le-onnx-'), 'model');
  await assert.rejects(importOnnxModel(options(out, change)), (e: Error) => {
    assert.ok(isUserError(e), `not a UserError: ${e.stack}`);
    assert.ok(!e.message.includes('\n'), `more than one line: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
  assert.equal(existsSync(out), false, 'something was written');
}

test('hostile files: not ONNX, truncated, a dimension of 2^31, an unknown operator, a wrong decoder, NaN outputs', async () => {
  await initBackend();
  const dir = tempDir('le-onnx-');
  const notOnnx = join(dir, 'readme.onnx');
  writeFileSync(notOnnx, 'This is a text file, not a model.\n');
  const truncated = join(dir, 'truncated.onnx');
  writeFileSync(truncated, readFileSync(fx('enc.onnx')).subarray(0, 3000));
  const empty = join(dir, 'empty.onnx');
  writeFileSync(empty, '');
  await refused({ encoder: notOnnx }, /readme\.onnx is not an ONNX model/);
  await refused({ encoder: empty }, /empty\.onnx is not an ONNX model: it is empty/);
  await refused({ encoder: truncated }, /truncated\.onnx .*truncated/);
  await refused({ encoder: fx('enc_huge_dim.onnx') }, /enc_huge_dim\.onnx: tensor "x" \[N, 1, 2147483648, 8\] has height 2147483648; expected 1…1024/);
  await refused({ encoder: fx('enc_unknown_op.onnx') }, /enc_unknown_op\.onnx: ONNX Runtime cannot load it: .*FancyEncode/);
  await refused({ decoder: fx('dec_10x10.onnx') }, /dec_10x10\.onnx: output "logits" has shape \[2, 1, 10, 10\]; expected \[2, 1, 8, 8\]/);
  await refused({ decoder: fx('dec_nan.onnx') }, /dec_nan\.onnx: output "logits" \[2, 1, 8, 8\] holds NaN/);
  await refused({ encoder: fx('enc_names.onnx') }, /enc_names\.onnx: tensor "image" \[N, 1, 8, 8\] .*expected it named "x"/);
  await refused({ layout: 'nhwc' }, /enc\.onnx: tensor "x" \[N, 1, 8, 8\] has 8 channels; expected 1 or 3/);
  await refused({ decoder: fx('enc.onnx') }, /enc\.onnx: the decoder has 1 inputs|tensor "x" .*expected it named "z"/);
  await refused({ encoder: join(dir, 'missing.onnx') }, /missing\.onnx does not exist/);
  await refused({ decoderOutput: 'probabilities' }, /dec\.onnx: its output spans .* not probabilities in \[0, 1\]; .*--decoder-output logits/);
});
