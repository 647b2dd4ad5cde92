import { parseArgs } from 'node:util';
import { initBackend } from '../engine/backend';
import { checkExportTarget, exportLatents, loadExportDataset } from '../training/exportLatents';
import { loadModel } from '../store/modelStore';
import { required, type CliIO } from './args';

export const exportHelp = `latent-explorer export <modelDir> <dataset> --out FILE.csv|FILE.npy|FILE.tsv [--json]
  q(z|x) of every image of the dataset (a folder, or an MNIST-style IDX file), by the extension of FILE:
  .csv  path,label,mu_0…,sigma_0… per image (path relative to the dataset folder; an IDX record is FILE#INDEX);
  .npy  float32 μ, N×d, with FILE.labels.json (paths and labels in the same order);
  .tsv  TensorBoard Embedding Projector: FILE.tsv (μ, no header) and FILE.metadata.tsv (path, label).`;

export async function runExport(argv: string[], io: CliIO, signal: { stop: boolean }): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean' } } });
  const dir = required('<modelDir>', positionals[0]);
  const dataset = required('<dataset>', positionals[1]);
  const out = required('--out', o.out);
  // a wrong extension or a missing folder is said before the model and the images are read
  await checkExportTarget(out);
  await initBackend();
  const { model } = await loadModel(dir);
  try {
    const ds = await loadExportDataset(model, dataset);
    for (const s of ds.report.skipped) io.err(`skipped ${s.path}: ${s.reason}`);
    io.err(`encoding ${ds.count} images…`);
    const r = await exportLatents(model, ds, dataset, out, { shouldStop: () => signal.stop });
    if (r.status === 'cancelled') {
      io.err('export interrupted: nothing written');
      return 130;
    }
    if (o.json) io.out(JSON.stringify({ format: r.format, files: r.files, count: r.count, latent_dim: r.latentDim }));
    else io.err(`wrote ${r.count} × ${r.latentDim} latents to ${r.files.join(', ')}`);
    return 0;
  } finally {
    model.dispose();
  }
}
