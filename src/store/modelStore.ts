// Saving and loading whole models (manifest + weights) on top of the file-system IOHandler.
import type * as tf from '@tensorflow/tfjs-core';
import type { VaeModel } from '../engine/models/base';
import { modelFromOnnx, modelFromWeights } from '../engine/models/registry';
import { FileSystemIOHandler } from './fileIOHandler';
import { readModelWeights } from './readWeights';
import { readManifestFile } from './readManifest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { MANIFEST_FILE, type Manifest, type ManifestInput } from './manifest';
import { readOnnxFiles, removeUnreferencedOnnx } from './onnxFiles';

/** Writes a checkpoint atomically: after a crash the folder holds the previous or this one, whole. */
export async function saveCheckpoint(dir: string, info: ManifestInput, model: VaeModel): Promise<void> {
  const values = model.weightValues();
  const specs: tf.io.WeightsManifestEntry[] = model.weightSpecs().map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' }));
  const total = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  const all = new Float32Array(total);
  let o = 0;
  for (const s of specs) {
    const v = values.get(s.name)!;
    all.set(v, o);
    o += v.length;
  }
  await new FileSystemIOHandler(dir, info).save({ weightSpecs: specs, weightData: all.buffer });
}

export function readManifest(dir: string): Promise<Manifest> {
  return readManifestFile(dir);
}

export async function loadModel(dir: string): Promise<{ manifest: Manifest; model: VaeModel }> {
  const { manifest, weights } = await readModelWeights(dir);
  if (manifest.onnx) {
    // an imported model: its two files (size and SHA-256 checked) run in ONNX Runtime; its weights file is empty
    const files = await readOnnxFiles(dir, manifest.onnx);
    const name = (f: { file: string; source: string }) => `${join(dir, f.file)} (imported from ${f.source})`;
    return { manifest, model: await modelFromOnnx(manifest.model, { ...files, encoderName: name(manifest.onnx.encoder), decoderName: name(manifest.onnx.decoder) }, existsSync) };
  }
  return { manifest, model: modelFromWeights(manifest.model, weights) };
}

/**
 * Writes an imported model's manifest (its ONNX files already in `dir`, named by info.onnx) with an empty weights
 * file, then removes files of an earlier import the new manifest no longer names.
 */
export async function saveImported(dir: string, info: ManifestInput): Promise<void> {
  await new FileSystemIOHandler(dir, info).save({ weightSpecs: [], weightData: new ArrayBuffer(0) });
  await removeUnreferencedOnnx(dir, info.onnx);
}

/** Rewrites the manifest with new fields (e.g. an evaluation), keeping the weights. */
export async function updateManifest(dir: string, change: Partial<ManifestInput>): Promise<void> {
  const current = await readManifestFile(dir);
  if (current.onnx) {
    // nothing of an imported model's is rewritten but the manifest: no need to start ONNX Runtime for that
    const { format: _f, version: _v, createdAt: _c, updatedAt: _u, weights: _w, ...info } = current;
    return saveImported(dir, { ...info, ...change });
  }
  const { model, manifest } = await loadModel(dir);
  try {
    const { format: _f, version: _v, createdAt: _c, updatedAt: _u, weights: _w, ...info } = manifest;
    await saveCheckpoint(dir, { ...info, ...change }, model);
  } finally {
    model.dispose();
  }
}

/** Changes only the manifest's status (the weights file stays as it is): used when a run is cancelled or fails. */
export async function setStatus(dir: string, status: Manifest['status']): Promise<void> {
  const manifest = await readManifestFile(dir);
  await writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, status, updatedAt: new Date().toISOString() }, null, 1));
}
