// An imported model's ONNX files in its folder: manifest.onnx names each content-named copy with its size and
// SHA-256 (checked on every load, like our weights file) and what its ModelProto says (producer, IR version,
// opset) for the overview. Files are written before the manifest that names them, so a crash leaves the old
// model or the new one whole.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../shared/userError';
import { writeFileAtomic } from './atomicWrite';
import { MANIFEST_FILE } from './manifest';

export interface OnnxFileEntry {
  /** encoder-<16 hex>.onnx / decoder-<16 hex>.onnx in the model folder. */
  file: string;
  byteLength: number;
  sha256: string;
  /** The file's name where it was imported from (no folder), for the overview. */
  source: string;
  irVersion: number;
  /** The default domain's opset; null when the file imports none. */
  opset: number | null;
  producerName: string;
  producerVersion: string;
}

export interface OnnxManifestEntry {
  encoder: OnnxFileEntry;
  decoder: OnnxFileEntry;
}

const FILE_PATTERN = { encoder: /^encoder-[0-9a-f]{16}\.onnx$/, decoder: /^decoder-[0-9a-f]{16}\.onnx$/ };
/** ONNX files are protobufs, which stop at 2 GiB. */
export const MAX_ONNX_BYTES = 2 ** 31 - 1;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** manifest.onnx is complete and names files of ours; `fail` throws the manifest validator's error. */
export function validateOnnxEntry(entry: unknown, fail: (field: string, what: string) => never): OnnxManifestEntry {
  if (!entry || typeof entry !== 'object') return fail('onnx', 'must describe the imported encoder and decoder files');
  for (const net of ['encoder', 'decoder'] as const) {
    const e = (entry as Record<string, Record<string, unknown> | undefined>)[net];
    const f = `onnx.${net}`;
    if (!e || typeof e !== 'object') fail(f, 'must be an object');
    if (typeof e!.file !== 'string' || !FILE_PATTERN[net].test(e!.file)) fail(`${f}.file`, `must name a ${net}-<hash>.onnx file in the model folder, found ${JSON.stringify(e!.file)}`);
    if (typeof e!.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e!.sha256)) fail(`${f}.sha256`, 'must be a 64-digit hex SHA-256');
    if (!Number.isInteger(e!.byteLength) || (e!.byteLength as number) < 1 || (e!.byteLength as number) > MAX_ONNX_BYTES) fail(`${f}.byteLength`, 'must be a positive size');
    for (const k of ['source', 'producerName', 'producerVersion']) if (typeof e![k] !== 'string') fail(`${f}.${k}`, 'must be a string');
    if (!Number.isInteger(e!.irVersion)) fail(`${f}.irVersion`, 'must be an integer');
    if (e!.opset !== null && !Number.isInteger(e!.opset)) fail(`${f}.opset`, 'must be an integer or null');
  }
  return entry as OnnxManifestEntry;
}

/** Both files' bytes, after checking each one's size and SHA-256 against the manifest. */
export async function readOnnxFiles(dir: string, entry: OnnxManifestEntry): Promise<{ encoder: Uint8Array; decoder: Uint8Array }> {
  const read = async (e: OnnxFileEntry) => {
    const path = join(dir, e.file);
    const info = await stat(path).catch(() => null);
    if (!info) throw new UserError(`${path} is missing: the model folder is incomplete.`);
    if (info.size !== e.byteLength) throw new UserError(`${path} has ${info.size} bytes but ${MANIFEST_FILE} says ${e.byteLength}: the file is truncated or from another model.`);
    const bytes = new Uint8Array(await readFile(path));
    if (sha256Hex(bytes) !== e.sha256) throw new UserError(`${path} is corrupt: its SHA-256 does not match ${MANIFEST_FILE}.`);
    return bytes;
  };
  return { encoder: await read(entry.encoder), decoder: await read(entry.decoder) };
}

/** Writes one network's bytes under its content name (atomically); returns that name. */
export async function writeOnnxFile(dir: string, net: 'encoder' | 'decoder', bytes: Uint8Array): Promise<{ file: string; sha256: string }> {
  const sha256 = sha256Hex(bytes);
  const file = `${net}-${sha256.slice(0, 16)}.onnx`;
  await writeFileAtomic(join(dir, file), bytes);
  return { file, sha256 };
}

/** After the manifest names new files: the folder's other encoder/decoder files are from an earlier import. */
export async function removeUnreferencedOnnx(dir: string, keep: OnnxManifestEntry | undefined): Promise<void> {
  const names = new Set([keep?.encoder.file, keep?.decoder.file]);
  for (const name of await readdir(dir)) {
    if (!names.has(name) && (FILE_PATTERN.encoder.test(name) || FILE_PATTERN.decoder.test(name))) await unlink(join(dir, name)).catch(() => undefined);
  }
}
