import { parseArgs } from 'node:util';
import { imageGrid } from '../shared/imageGrid';
import { encodePng } from '../data/pngEncode';
import { loadDataset } from '../data/loadDataset';
import { initBackend } from '../engine/backend';
import { unitToBytes } from '../engine/batches';
import { isConditional, labelIndex } from '../engine/condition';
import { reconstructMeans, samplePriorMeans } from '../engine/generate';
import { encodeNpyFloat32, toNchw } from '../shared/npy';
import { loadModel } from '../store/modelStore';
import { writeFileAtomic } from '../store/atomicWrite';
import { UserError } from '../shared/userError';
import type { ModelConfig } from '../shared/types';
import { aggregateSampleMeans } from './aggregateSamples';
import { PixelCnnVae } from '../engine/models/pixelcnn/pixelcnnVae';
import * as tf from '@tensorflow/tfjs-core';
import { nonNegative, positiveInt, required, type CliIO } from './args';

export const sampleHelp = `latent-explorer sample <modelDir> --out grid.png|samples.npy [--n 64] [--seed S] [--temperature T (1)] [--label NAME]
                       [--aggregate DATASET [--components K (by BIC)]]
  Decodes z ~ N(0, T²·I) from the prior into a PNG grid, or with --out *.npy the likelihood's means as float32
  N×C×H×W. A conditional model (cvae) decodes under --label NAME, or under each of its labels in turn.
  A VQ-VAE decodes code grids drawn cell by cell from its autoregressive prior (logits / T), or, when it has none,
  every cell uniform over the K codes (T does not apply).
  --aggregate: z from a Gaussian mixture fitted to μ(x) of DATASET (the aggregate posterior) instead of the prior.
  A PixelCNN decoder (--decoder pixelcnn) draws binary samples pixel by pixel (one network pass per pixel, progress
  on stderr; Ctrl-C stops it), not the means: --out *.npy then holds those 0/1 pixels.`;
export const reconstructHelp = `latent-explorer reconstruct <modelDir> <dataset> --out grid.png|recon.npy [--n 32]
  Original images (odd rows) above their reconstructions (even rows), as a PNG grid; with --out *.npy the
  reconstructions' likelihood means as float32 N×C×H×W, in the dataset's order.`;

/** A PixelCNN decoder's prior samples, pixel by pixel, a progress line per row on stderr; null when stopped. */
async function sampleAutoregressive(model: PixelCnnVae, n: number, seed: number, temperature: number, io: CliIO, signal: { stop: boolean }): Promise<Float32Array | null> {
  const z = model.samplePriorLatents(n, seed, temperature);
  const started = performance.now();
  try {
    return await model.sample(z, seed, {
      onProgress: (done, total) => io.err(`sampling pixel by pixel: ${done}/${total} of each of ${n} images, ${((performance.now() - started) / 1000).toFixed(1)} s`),
      cancelled: () => signal.stop,
    });
  } finally {
    tf.dispose(z);
  }
}

/** --out names a NumPy file: write float32 means instead of a PNG. */
const isNpy = (out: string) => out.toLowerCase().endsWith('.npy');

export async function runSample(argv: string[], io: CliIO, signal: { stop: boolean } = { stop: false }): Promise<number> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, n: { type: 'string' }, seed: { type: 'string' }, temperature: { type: 'string' }, label: { type: 'string' },
      aggregate: { type: 'string' }, components: { type: 'string' },
    },
  });
  const dir = required('<modelDir>', positionals[0]);
  const out = required('--out', o.out);
  const n = positiveInt('n', o.n, 64);
  await initBackend();
  const { model } = await loadModel(dir);
  try {
    const [h, w, c] = model.config.inputShape;
    // an unknown label (or a label for an unconditional model) is refused naming the model's labels
    const label = o.label === undefined ? undefined : [labelIndex(model.config, o.label)];
    const seed = positiveInt('seed', o.seed, 1);
    const temperature = nonNegative('temperature', o.temperature, 1);
    let from = priorName(model.config);
    let means: Float32Array;
    if (o.aggregate !== undefined) {
      const fit = await aggregateSampleMeans(model, o.aggregate, n, seed, temperature, o.components === undefined ? 0 : positiveInt('components', o.components, 1));
      means = fit.means;
      from = `a ${fit.components}-component Gaussian mixture fitted to μ(x) of ${fit.images} images`;
    } else if (model instanceof PixelCnnVae) {
      const drawn = await sampleAutoregressive(model, n, seed, temperature, io, signal);
      if (!drawn) {
        io.err('stopped: nothing was written');
        return 130;
      }
      means = drawn;
    } else means = samplePriorMeans(model, n, seed, temperature, label);
    if (isNpy(out)) await writeFileAtomic(out, encodeNpyFloat32(toNchw(means, n, h, w, c), [n, c, h, w]));
    else {
      const grid = imageGrid(unitToBytes(means), n, h, w, c as 1 | 3, Math.ceil(Math.sqrt(n)));
      await writeFileAtomic(out, encodePng(grid.pixels, grid.width, grid.height, c as 1 | 3));
    }
    const under = o.label !== undefined ? ` under label ${o.label}` : isConditional(model.config) ? ` under the labels ${model.config.labels!.join(', ')} in turn` : '';
    io.err(`wrote ${n} samples from ${from}${under} to ${out}`);
    return 0;
  } finally {
    model.dispose();
  }
}

/** What `sample` draws from, as its report says it. */
function priorName(config: ModelConfig): string {
  if (config.model !== 'vqvae') return 'the prior';
  return config.codePrior === 'ar' ? 'the autoregressive prior over code grids' : `the uniform prior over the ${config.codebookSize} codes (this model has no autoregressive prior)`;
}

export async function runReconstruct(argv: string[], io: CliIO): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, n: { type: 'string' } } });
  const dir = required('<modelDir>', positionals[0]);
  const dataset = required('<dataset>', positionals[1]);
  const out = required('--out', o.out);
  await initBackend();
  const { model } = await loadModel(dir);
  try {
    const [h, w, c] = model.config.inputShape;
    const ds = await loadDataset(dataset, { size: { width: w, height: h }, limit: positiveInt('n', o.n, 32) });
    if (ds.channels !== c) throw new UserError(`${dataset} has ${ds.channels}-channel images but the model expects ${c}.`);
    const n = ds.count;
    const indices = Array.from({ length: n }, (_, i) => i);
    const means = reconstructMeans(model, ds, indices);
    if (isNpy(out)) {
      await writeFileAtomic(out, encodeNpyFloat32(toNchw(means, n, h, w, c), [n, c, h, w]));
      io.err(`wrote ${n} reconstructions to ${out}`);
      return 0;
    }
    const recon = unitToBytes(means);
    const cols = Math.min(8, n);
    const per = h * w * c;
    // interleave rows: a row of originals, then the same images reconstructed
    const rows = Math.ceil(n / cols);
    const both = new Uint8Array(rows * 2 * cols * per);
    for (let i = 0; i < n; i++) {
      const r = Math.floor(i / cols);
      const col = i % cols;
      both.set(ds.images.subarray(i * per, (i + 1) * per), ((2 * r) * cols + col) * per);
      both.set(recon.subarray(i * per, (i + 1) * per), ((2 * r + 1) * cols + col) * per);
    }
    const grid = imageGrid(both, rows * 2 * cols, h, w, c as 1 | 3, cols);
    await writeFileAtomic(out, encodePng(grid.pixels, grid.width, grid.height, c as 1 | 3));
    io.err(`wrote ${n} originals and reconstructions to ${out}`);
    return 0;
  } finally {
    model.dispose();
  }
}
