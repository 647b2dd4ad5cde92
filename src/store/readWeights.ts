// A model folder's manifest and its weights by stored name, through our IOHandler (which checks the manifest and the
// weights file field by field and by SHA-256 first); no tfjs model is built, so the ONNX export can use it too.
import { FileSystemIOHandler } from './fileIOHandler';
import type { Manifest } from './manifest';

export async function readModelWeights(dir: string): Promise<{ manifest: Manifest; weights: Map<string, Float32Array> }> {
  const artifacts = await new FileSystemIOHandler(dir).load();
  const manifest = (artifacts.userDefinedMetadata as unknown as { manifest: Manifest }).manifest;
  const data = new Float32Array(artifacts.weightData as ArrayBuffer);
  const weights = new Map<string, Float32Array>();
  let o = 0;
  for (const s of artifacts.weightSpecs ?? []) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    weights.set(s.name, data.subarray(o, o + n));
    o += n;
  }
  return { manifest, weights };
}
