// The files Export Latents writes, as text and bytes (no I/O here: src/training/exportLatents.ts writes them):
//   .csv  path,label,mu_0,…,mu_{d-1},sigma_0,…,sigma_{d-1}, one row per image, RFC 4180 quoting;
//   .npy  float32 μ, N × d (npy.ts), with <name>.labels.json beside it (paths and labels, row for row);
//   .tsv  TensorBoard's Embedding Projector pair: <name>.tsv (μ, one row per image, no header) and
//         <name>.metadata.tsv (header path<TAB>label), the two files its "Load" dialog asks for.
import { encodeNpyFloat32 } from './npy';
import { UserError } from './userError';

export type LatentFormat = 'csv' | 'npy' | 'tsv';
export const LATENT_FORMATS: readonly LatentFormat[] = ['csv', 'npy', 'tsv'];

/** What is exported: per image its path (relative to the dataset, forward slashes) and label, and q(z|x). */
export interface LatentTable {
  paths: string[];
  /** The label's name per image, or null for an unlabelled dataset. */
  labels: string[] | null;
  /** N × d row-major: the posterior means μ(x). */
  mu: Float32Array;
  /** N × d row-major: the posterior standard deviations σ(x) = exp(½ log σ²). */
  sigma: Float32Array;
  latentDim: number;
}

/** The format an output path asks for, by its extension; anything else is refused naming the three. */
export function latentFormatOf(path: string): LatentFormat {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'npy' || ext === 'tsv') return ext;
  throw new UserError(`${path}: the file name must end in .csv, .npy or .tsv (TensorBoard projector); the extension chooses the format.`);
}

/** The files one export writes, main file first: the siblings share its name without the extension. */
export function exportFiles(path: string): { main: string; siblings: { labels?: string; metadata?: string } } {
  const format = latentFormatOf(path);
  const stem = path.slice(0, path.length - format.length - 1);
  if (format === 'npy') return { main: path, siblings: { labels: `${stem}.labels.json` } };
  if (format === 'tsv') return { main: path, siblings: { metadata: `${stem}.metadata.tsv` } };
  return { main: path, siblings: {} };
}

/**
 * The shortest decimal that reads back as the same float32 (so a file is both exact and readable): at most 9
 * significant digits always suffice for float32; fewer are tried first.
 */
export function float32Text(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return String(f);
  for (let p = 6; p < 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(Number(f.toPrecision(9)));
}

/** One CSV field by RFC 4180: quoted when it holds a comma, a double quote, CR or LF (inner quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function checkTable(t: LatentTable): number {
  const n = t.paths.length;
  const d = t.latentDim;
  if (t.mu.length !== n * d || t.sigma.length !== n * d) throw new Error(`export: ${n} images × ${d} dimensions do not fit μ (${t.mu.length}) and σ (${t.sigma.length})`);
  if (t.labels && t.labels.length !== n) throw new Error(`export: ${t.labels.length} labels for ${n} images`);
  return n;
}

/** The CSV file: a header, then per image its path, label (empty when unlabelled), μ and σ. Lines end in \n. */
export function latentsCsv(t: LatentTable): string {
  const n = checkTable(t);
  const d = t.latentDim;
  const header = ['path', 'label', ...Array.from({ length: d }, (_, j) => `mu_${j}`), ...Array.from({ length: d }, (_, j) => `sigma_${j}`)];
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const cells = [csvField(t.paths[i]), csvField(t.labels?.[i] ?? '')];
    for (let j = 0; j < d; j++) cells.push(float32Text(t.mu[i * d + j]));
    for (let j = 0; j < d; j++) cells.push(float32Text(t.sigma[i * d + j]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** The .npy file: μ as float32, shape N × d. */
export function latentsNpy(t: LatentTable): Uint8Array {
  return encodeNpyFloat32(t.mu, [checkTable(t), t.latentDim]);
}

/** The .labels.json beside the .npy: row i of the array is paths[i], labels[i]. */
export function labelsJson(t: LatentTable, root: string): string {
  const n = checkTable(t);
  return JSON.stringify({ root, count: n, latent_dim: t.latentDim, paths: t.paths, labels: t.labels }, null, 1) + '\n';
}

/** The Projector's format has no quoting: a tab or line break inside a field becomes a space. */
const tsvField = (text: string): string => text.replace(/[\t\r\n]/g, ' ');

/** The Projector's vectors file: one row of μ per image, tab-separated, no header. */
export function projectorVectorsTsv(t: LatentTable): string {
  const n = checkTable(t);
  const d = t.latentDim;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(Array.from(t.mu.subarray(i * d, (i + 1) * d), float32Text).join('\t'));
  return lines.join('\n') + '\n';
}

/** The Projector's metadata file: the header path<TAB>label, then one row per image in the vectors' order. */
export function projectorMetadataTsv(t: LatentTable): string {
  const n = checkTable(t);
  const lines = ['path\tlabel'];
  for (let i = 0; i < n; i++) lines.push(`${tsvField(t.paths[i])}\t${tsvField(t.labels?.[i] ?? '')}`);
  return lines.join('\n') + '\n';
}
