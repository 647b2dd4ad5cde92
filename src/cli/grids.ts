import { parseArgs } from 'node:util';
import { imageGrid } from '../shared/imageGrid';
import { encodePng } from '../data/pngEncode';
import { loadDataset } from '../data/loadDataset';
import { initBackend } from '../engine/backend';
import { reconstruct, samplePrior } from '../engine/generate';
import { loadModel } from '../store/modelStore';
import { writeFileAtomic } from '../store/atomicWrite';
import { UserError } from '../shared/userError';
import { nonNegative, positiveInt, required, type CliIO } from './args';

export const sampleHelp = `latent-explorer sample <modelDir> --out grid.png [--n 64] [--seed S] [--temperature T (1)]
  Decodes z ~ N(0, T²·I) from the prior into a PNG grid.`;
export const reconstructHelp = `latent-explorer reconstruct <modelDir> <dataset> --out grid.png [--n 32]
  Original images (odd rows) above their reconstructions (even rows), as a PNG grid.`;

export async function runSample(argv: string[], io: CliIO): Promise<number> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, n: { type: 'string' }, seed: { type: 'string' }, temperature: { type: 'string' } },
  });
  const dir = required('<modelDir>', positionals[0]);
  const out = required('--out', o.out);
  const n = positiveInt('n', o.n, 64);
  await initBackend();
  const { model } = await loadModel(dir);
  try {
    const [h, w, c] = model.config.inputShape;
    const pixels = samplePrior(model, n, positiveInt('seed', o.seed, 1), nonNegative('temperature', o.temperature, 1));
    const grid = imageGrid(pixels, n, h, w, c as 1 | 3, Math.ceil(Math.sqrt(n)));
    await writeFileAtomic(out, encodePng(grid.pixels, grid.width, grid.height, c as 1 | 3));
    io.err(`wrote ${n} samples to ${out}`);
    return 0;
  } finally {
    model.dispose();
  }
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
    const recon = reconstruct(model, ds, indices);
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
