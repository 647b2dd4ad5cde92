// A tfjs IOHandler over a model folder (tfjs-node's file:// handler is not installable offline). Weights go to a
// content-named file first; manifest.json is replaced last, and that rename is the commit point, so a crash at
// any instant leaves the previous or the new checkpoint whole, never a mix.
import type * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../shared/userError';
import { removeStaleTemps, writeFileAtomic } from './atomicWrite';
import { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, WEIGHTS_FILE_PATTERN, type Manifest, type ManifestInput } from './manifest';
import { readManifestFile } from './readManifest';

function concatWeightData(data: tf.io.WeightData): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out;
}

export class FileSystemIOHandler implements tf.io.IOHandler {
  constructor(
    private readonly dir: string,
    private readonly info?: ManifestInput,
  ) {}

  async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    if (!this.info) throw new Error('FileSystemIOHandler.save needs the manifest fields');
    await mkdir(this.dir, { recursive: true });
    await removeStaleTemps(this.dir);
    const bytes = concatWeightData(artifacts.weightData ?? new ArrayBuffer(0));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = `weights-${sha256.slice(0, 16)}.bin`;
    await writeFileAtomic(join(this.dir, file), bytes);
    const previous = await readManifestFile(this.dir).catch(() => null);
    const now = new Date().toISOString();
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...this.info,
      weights: {
        file,
        byteLength: bytes.byteLength,
        sha256,
        specs: (artifacts.weightSpecs ?? []).map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' as const })),
      },
    };
    await writeFileAtomic(join(this.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
    await this.removeUnreferencedWeights(file);
    return { modelArtifactsInfo: { dateSaved: new Date(now), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
  }

  async load(): Promise<tf.io.ModelArtifacts> {
    const manifest = await readManifestFile(this.dir);
    const path = join(this.dir, manifest.weights.file);
    const info = await stat(path).catch(() => null);
    if (!info) throw new UserError(`${path} is missing: the model folder is incomplete.`);
    if (info.size !== manifest.weights.byteLength) {
      throw new UserError(`${path} has ${info.size} bytes but ${MANIFEST_FILE} says ${manifest.weights.byteLength}: the weights are truncated or from another model.`);
    }
    const bytes = await readFile(path);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== manifest.weights.sha256) throw new UserError(`${path} is corrupt: its SHA-256 does not match ${MANIFEST_FILE}.`);
    return {
      weightSpecs: manifest.weights.specs,
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      userDefinedMetadata: { manifest: manifest as unknown as Record<string, never> },
    };
  }

  private async removeUnreferencedWeights(keep: string): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (name !== keep && WEIGHTS_FILE_PATTERN.test(name)) await unlink(join(this.dir, name)).catch(() => undefined);
    }
  }
}
