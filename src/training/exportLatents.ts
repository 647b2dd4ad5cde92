// Export Latents: q(z|x) of every image of a dataset, written as CSV, NumPy or TensorBoard-projector files
// (src/shared/latentFormats.ts) so the latents can go to the tools people already use. Runs in the job process
// (the command) or the CLI's own process; each file is written atomically, siblings first, so the file the user
// named exists only once everything it refers to does.
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { loadDataset } from '../data/loadDataset';
import type { VaeModel } from '../engine/models/base';
import { posteriorParameters } from '../engine/posteriorMeans';
import type { Dataset } from '../shared/dataset';
import { exportFiles, labelsJson, latentFormatOf, latentsCsv, latentsNpy, projectorMetadataTsv, projectorVectorsTsv, type LatentFormat, type LatentTable } from '../shared/latentFormats';
import { UserError } from '../shared/userError';
import { writeFileAtomic } from '../store/atomicWrite';
import type { ExportOutcome } from '../protocol/job';

export type { ExportOutcome };

export interface ExportHooks {
  /** Images encoded so far, of the total. */
  onProgress?(done: number, total: number): void;
  shouldStop?(): boolean;
}

/**
 * An image's path as the export names it: relative to the dataset folder with forward slashes on every platform;
 * an IDX record as `<idx file>#<index>` (relative too, or the file's own name when the dataset is that file).
 */
export function exportPath(root: string, source: string): string {
  if (source.startsWith(`${root}#`)) return basename(root) + source.slice(root.length);
  const rel = relative(root, source);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** The rows of the export: paths and label names of the dataset, with μ and σ. */
export function latentTable(ds: Dataset, root: string, mu: Float32Array, sigma: Float32Array, latentDim: number): LatentTable {
  return {
    paths: ds.sources.map((s) => exportPath(root, s)),
    labels: ds.labels ? Array.from(ds.labels, (l) => ds.labelNames[l]) : null,
    mu,
    sigma,
    latentDim,
  };
}

/** A dataset other than the model's own, read at the model's input size; a channel mismatch is refused. */
export async function loadExportDataset(model: VaeModel, root: string): Promise<Dataset> {
  const [h, w, c] = model.config.inputShape;
  const ds = await loadDataset(root, { size: { width: w, height: h } });
  if (ds.channels !== c) throw new UserError(`${root} has ${ds.channels}-channel images but the model expects ${c} channel(s).`);
  return ds;
}

/** Refuses, before any work, an output whose extension is unknown or whose folder does not exist. */
export async function checkExportTarget(outPath: string): Promise<LatentFormat> {
  const format = latentFormatOf(outPath);
  const folder = await stat(dirname(outPath)).catch(() => null);
  if (!folder?.isDirectory()) throw new UserError(`Cannot write ${outPath}: the folder ${dirname(outPath)} does not exist.`);
  return format;
}

/** Encodes every image of `ds` (read from `root`) and writes the export to `outPath`, format by its extension. */
export async function exportLatents(model: VaeModel, ds: Dataset, root: string, outPath: string, hooks: ExportHooks = {}): Promise<ExportOutcome> {
  const format = await checkExportTarget(outPath);
  const q = await posteriorParameters(model, ds, { onBatch: hooks.onProgress, shouldStop: hooks.shouldStop });
  if (!q) return { status: 'cancelled' };
  const table = latentTable(ds, root, q.mu, q.sigma, model.config.latentDim);
  const { main, siblings } = exportFiles(outPath);
  const written: string[] = [];
  const write = async (path: string, data: Uint8Array | string) => {
    try {
      await writeFileAtomic(path, data);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!code) throw err;
      throw new UserError(`Cannot write ${path}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code}.`);
    }
    written.push(path);
  };
  if (format === 'npy') {
    await write(siblings.labels!, labelsJson(table, root));
    await write(main, latentsNpy(table));
  } else if (format === 'tsv') {
    await write(siblings.metadata!, projectorMetadataTsv(table));
    await write(main, projectorVectorsTsv(table));
  } else {
    await write(main, latentsCsv(table));
  }
  return { status: 'written', format, files: [main, ...written.filter((f) => f !== main)], count: ds.count, latentDim: model.config.latentDim };
}
