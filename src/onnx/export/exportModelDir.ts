// A saved model folder → encoder.onnx, decoder.onnx and latent-explorer.json in a target folder. The weights are read
// and checked (size, SHA-256) by the model store without tfjs; every file is written atomically, the sidecar last:
// it holds both files' SHA-256, so it is the commit point of an export. A target that holds anything but a
// previous export is refused before anything is written.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempName, removeStaleTemps, writeFileAtomic } from '../../store/atomicWrite';
import { readModelWeights } from '../../store/readWeights';
import { UserError } from '../../shared/userError';
import { SIDECAR_FILE } from './sidecar';
import { exportVae, type ExportSidecar } from './vaeGraphs';

const EXPORT_FILES = ['encoder.onnx', 'decoder.onnx', SIDECAR_FILE];

export interface ExportResult {
  outDir: string;
  files: { name: string; bytes: number; sha256: string }[];
  sidecar: ExportSidecar & { sha256: Record<string, string> };
}


/** Refuses a target that exists and is not empty, unless it is a previous export (our sidecar and nothing else). */
async function checkTarget(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => null);
  if (!info) return;
  if (!info.isDirectory()) throw new UserError(`${outDir} is a file; choose a folder for the ONNX export.`);
  const names = (await readdir(outDir)).filter((n) => !isTempName(n));
  if (names.length === 0) return;
  const foreign = names.filter((n) => !EXPORT_FILES.includes(n));
  const sidecar = names.includes(SIDECAR_FILE) ? await readFile(join(outDir, SIDECAR_FILE), 'utf8').catch(() => '') : '';
  let ours = false;
  try {
    ours = (JSON.parse(sidecar) as { format?: unknown })?.format === 'latent-explorer-onnx';
  } catch {
    ours = false;
  }
  if (foreign.length > 0 || !ours) {
    const what = foreign.length > 0 ? `holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? '…' : ''}` : `has no ${SIDECAR_FILE} of a previous export`;
    throw new UserError(`${outDir} is not empty and ${what}; export into an empty folder or a previous ONNX export's folder.`);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Exports the model in `modelDir` into `outDir` (created if missing; a previous export there is replaced). */
export async function exportModelDir(modelDir: string, outDir: string, producerVersion?: string): Promise<ExportResult> {
  const { manifest, weights } = await readModelWeights(modelDir);
  const out = exportVae(manifest.model, weights, modelDir, producerVersion);
  await checkTarget(outDir);
  await mkdir(outDir, { recursive: true });
  await removeStaleTemps(outDir);
  // a replaced export loses its sidecar first: until the new one lands, the folder does not claim to be whole
  await unlink(join(outDir, SIDECAR_FILE)).catch(() => undefined);
  const files = [
    { name: 'encoder.onnx', data: out.encoder },
    { name: 'decoder.onnx', data: out.decoder },
  ].map((f) => ({ ...f, sha256: sha256(f.data) }));
  for (const f of files) await writeFileAtomic(join(outDir, f.name), f.data);
  const sidecar = { ...out.sidecar, sha256: Object.fromEntries(files.map((f) => [f.name, f.sha256])) };
  const text = JSON.stringify(sidecar, null, 1) + '\n';
  await writeFileAtomic(join(outDir, SIDECAR_FILE), text);
  return {
    outDir,
    files: [...files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: f.sha256 })), { name: SIDECAR_FILE, bytes: Buffer.byteLength(text), sha256: sha256(Buffer.from(text)) }],
    sidecar,
  };
}
