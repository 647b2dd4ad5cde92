// What the export tests share: a saved model folder made from a configuration (initial weights, no training: the
// exporter reads weights, it does not care how they were learned), real images from samples/, NHWC ⇄ NCHW, and
// one onnxruntime-web session run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { initBackend } from '../../../src/engine/backend';
import { createModel } from '../../../src/engine/models/registry';
import { prepareImageFile } from '../../../src/data/prepareImage';
import { saveCheckpoint, type ManifestInput } from '../../../src/store';
import type { ModelConfig } from '../../../src/shared/types';
import { nchwToNhwcIndex, permuteVector } from '../../../src/onnx/export/weightLayout';
import { tempDir } from '../../helpers/tempDir';

ort.env.wasm.numThreads = 1;

export const SAMPLES = join(__dirname, '../../../samples/fashion-mnist');

export function config(over: Partial<ModelConfig>): ModelConfig {
  return { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [32], latentDim: 4, likelihood: 'bernoulli', decoderScale: 0.1, ...over };
}

/** A model folder holding `config` with seeded initial weights. */
export async function savedModel(c: ModelConfig, seed = 5): Promise<string> {
  await initBackend();
  const dir = tempDir('le-onnx-model-');
  const model = createModel(c, seed);
  const [height, width, channels] = c.inputShape;
  const info: ManifestInput = {
    status: 'completed',
    model: c,
    training: { epochs: 1, batchSize: 8, learningRate: 1e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed },
    dataset: { root: SAMPLES, fingerprint: 'f', count: 10, trainCount: 9, validationCount: 1, height, width, channels, labelNames: c.labels ?? [] },
    epochs: [],
    evaluation: null,
  } as ManifestInput;
  try {
    await saveCheckpoint(dir, info, model);
  } finally {
    model.dispose();
  }
  return dir;
}

/** `n` images of the Fashion-MNIST sample as flat NHWC rows in [0, 1] (colour ones repeat the grey channel with a twist, so channels differ). */
export async function realImages(n: number, shape: [number, number, number]): Promise<Float32Array> {
  const files = readdirSync(SAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(SAMPLES, d.name)).map((f) => join(SAMPLES, d.name, f)))
    .sort()
    .slice(0, n);
  const [height, width, channels] = shape;
  const out = new Float32Array(n * height * width * channels);
  for (let i = 0; i < n; i++) {
    const grey = await prepareImageFile(files[i], { height, width, channels: 1 });
    for (let p = 0; p < height * width; p++) {
      // channel 0 the image, 1 its negative, 2 the image mirrored left to right
      const mirrored = grey[Math.floor(p / width) * width + (width - 1 - (p % width))];
      const values = [grey[p], 255 - grey[p], mirrored];
      for (let ch = 0; ch < channels; ch++) out[(i * height * width + p) * channels + ch] = values[ch] / 255;
    }
  }
  return out;
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Flat NHWC rows → NCHW batch data. */
export function toNchw(nhwc: Float32Array, shape: [number, number, number]): Float32Array {
  const perm = nchwToNhwcIndex(shape);
  const k = size(shape);
  const out = new Float32Array(nhwc.length);
  for (let i = 0; i < nhwc.length / k; i++) out.set(permuteVector(nhwc.subarray(i * k, (i + 1) * k), perm), i * k);
  return out;
}

/** NCHW batch data → flat NHWC rows. */
export function toNhwc(nchw: Float32Array, shape: [number, number, number]): Float32Array {
  const perm = nchwToNhwcIndex(shape);
  const k = size(shape);
  const out = new Float32Array(nchw.length);
  for (let i = 0; i < nchw.length / k; i++) for (let j = 0; j < k; j++) out[i * k + perm[j]] = nchw[i * k + j];
  return out;
}

/** Runs an ONNX file with onnxruntime-web (wasm, one thread); feeds by name with their dims. */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, { data: Float32Array; dims: number[] }>): Promise<{ outputs: Record<string, { data: Float32Array; dims: readonly number[] }>; inputNames: readonly string[]; outputNames: readonly string[] }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const tensors = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', v.data, v.dims)]));
    const result = await session.run(tensors);
    const outputs = Object.fromEntries(Object.entries(result).map(([k, t]) => [k, { data: t.data as Float32Array, dims: t.dims }]));
    return { outputs, inputNames: session.inputNames, outputNames: session.outputNames };
  } finally {
    await session.release();
  }
}

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
