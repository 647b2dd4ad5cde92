import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { imagesToTensor } from '../../../src/engine/batches';
import { loadModel, readManifest, saveCheckpoint, type ManifestInput } from '../../../src/store';
import { isUserError } from '../../../src/shared/userError';
import { syntheticDataset, tinyConfig } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tempDir';

function info(config = tinyConfig()): ManifestInput {
  return {
    status: 'completed',
    model: config,
    training: { epochs: 1, batchSize: 8, learningRate: 1e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 },
    dataset: { root: '/data', fingerprint: 'f', count: 10, trainCount: 9, validationCount: 1, height: 8, width: 8, channels: 1, labelNames: [] },
    epochs: [],
    evaluation: null,
  };
}

async function saved(config = tinyConfig()) {
  await initBackend();
  const dir = tempDir('le-store-');
  const model = createModel(config, 3);
  await saveCheckpoint(dir, info(config), model);
  return { dir, model };
}

test('save → load gives identical encoder and decoder outputs', async () => {
  for (const config of [tinyConfig(), tinyConfig({ likelihood: 'laplace', decoderScale: 'learned', hidden: [12, 6] })]) {
    const { dir, model } = await saved(config);
    const { model: back, manifest } = await loadModel(dir);
    assert.equal(manifest.version, 1);
    const x = imagesToTensor(syntheticDataset(5), [0, 1, 2, 3, 4]);
    const a = model.encode(x);
    const b = back.encode(x);
    assert.deepEqual(Array.from(a.mu.dataSync()), Array.from(b.mu.dataSync()));
    assert.deepEqual(Array.from(a.logvar.dataSync()), Array.from(b.logvar.dataSync()));
    assert.deepEqual(Array.from(model.decode(a.mu).dataSync()), Array.from(back.decode(a.mu).dataSync()));
    tf.dispose([x, a.mu, a.logvar, b.mu, b.logvar]);
  }
});

test('a second save replaces the weights file and leaves exactly one', async () => {
  const { dir, model } = await saved();
  const first = (await readManifest(dir)).weights.file;
  const v = model.trainableVariables()[0];
  v.assign(tf.add(v, 1));
  await saveCheckpoint(dir, { ...info(), status: 'training' }, model);
  const m = await readManifest(dir);
  assert.notEqual(m.weights.file, first);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('weights-')), [m.weights.file]);
});

test('corrupted model folders are refused with a message naming the problem', async () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['bad JSON', (d) => writeFileSync(join(d, 'manifest.json'), '{"format": '), /not valid JSON/],
    ['newer version', (d) => edit(d, (m) => (m.version = 9)), /newer Latent Explorer/],
    ['wrong shape', (d) => edit(d, (m) => (m.weights.specs[0].shape = [3, 3])), /specs\[0\]\.shape/],
    ['negative latent', (d) => edit(d, (m) => (m.model.latentDim = -5)), /latent size -5/],
    ['path in file name', (d) => edit(d, (m) => (m.weights.file = '../../etc/passwd')), /weights\.file/],
    ['missing weights', (d) => edit(d, (m) => (m.weights.file = 'weights-0000000000000000.bin')), /is missing/],
    ['truncated weights', (d) => truncateSync(join(d, readManifestSync(d).weights.file), 10), /truncated/],
    ['checksum', (d) => flipByte(join(d, readManifestSync(d).weights.file)), /SHA-256/],
    ['no manifest', (d) => writeFileSync(join(d, 'manifest.json'), ''), /not valid JSON/],
    ['JSON nesting bomb', (d) => writeFileSync(join(d, 'manifest.json'), '['.repeat(1_000_000) + ']'.repeat(1_000_000)), /nests 1000000 levels deep/],
    ['nested bomb in a field', (d) => {
      const text = readFileSync(join(d, 'manifest.json'), 'utf8').replace(/"hidden":\s*\[[^\]]*\]/, `"hidden":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      writeFileSync(join(d, 'manifest.json'), text);
    }, /nests \d+ levels deep/],
    ['huge shape', (d) => edit(d, (m) => (m.weights.specs[0].shape = [1e9, 1e9])), /specs\[0\]\.shape/],
    ['negative free bits', (d) => edit(d, (m) => (m.training.freeBits = -1)), /training\.freeBits/],
  ];
  for (const [name, corrupt, message] of cases) {
    const { dir } = await saved();
    corrupt(dir);
    await assert.rejects(loadModel(dir), (e: unknown) => isUserError(e) && message.test((e as Error).message), name);
  }
  await assert.rejects(loadModel(tempDir('le-empty-')), /manifest\.json is missing/);
});

test('a manifest from before free bits existed (no training.freeBits) still loads', async () => {
  const { dir } = await saved();
  edit(dir, (m) => delete m.training.freeBits);
  const loaded = await loadModel(dir);
  assert.equal(loaded.manifest.training.freeBits, 0, 'the reader fills in the default');
  loaded.model.dispose();
});

test('stray temp files from a killed writer do not break loading and are cleaned by the next save', async () => {
  const { dir, model } = await saved();
  writeFileSync(join(dir, '.manifest.json.tmp-999999-abcd'), '{"half":');
  writeFileSync(join(dir, '.weights-1234.bin.tmp-999999-abcd'), Buffer.alloc(7));
  await loadModel(dir);
  await saveCheckpoint(dir, info(), model);
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp-')), []);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readManifestSync(dir: string): any {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edit(dir: string, change: (m: any) => void): void {
  const m = readManifestSync(dir);
  change(m);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
}

function flipByte(path: string): void {
  const b = readFileSync(path);
  b[5] ^= 0xff;
  writeFileSync(path, b);
}

test('a model folder saved before the VaeModel interface loads and computes what it computed then', async () => {
  await initBackend();
  // written by the MlpVae of commit 0d787fa (6×6 gray, hidden [12], Laplace with a learned scale), with its
  // decode of two fixed codes and its μ of one fixed image beside it
  const dir = join(__dirname, '../../fixtures/models/mlp-vae-v1');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { codes: number[]; decoded: number[]; x: number[]; mu: number[] };
  const { model, manifest } = await loadModel(dir);
  assert.equal(manifest.model.kind, 'mlp-vae');
  const decoded = tf.tidy(() => Array.from(model.decode(tf.tensor2d(expected.codes, [2, 3])).dataSync()));
  const mu = tf.tidy(() => Array.from(model.encode(tf.tensor2d(expected.x, [1, 36])).mu.dataSync()));
  decoded.forEach((v, i) => assert.ok(Math.abs(v - expected.decoded[i]) < 1e-6, `decoded[${i}] ${v} vs ${expected.decoded[i]}`));
  mu.forEach((v, i) => assert.ok(Math.abs(v - expected.mu[i]) < 1e-5, `μ[${i}] ${v} vs ${expected.mu[i]}`));
  model.dispose();
});
