// A dataset's identity for the manifest: the same pixels, shape and labels give the same hash, whatever the paths.
import { createHash } from 'node:crypto';
import type { Dataset } from './types';

export function datasetFingerprint(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(`${ds.count}x${ds.height}x${ds.width}x${ds.channels};${ds.labelNames.join('\u0000')};`);
  h.update(ds.images);
  if (ds.labels) h.update(new Uint8Array(ds.labels.buffer, ds.labels.byteOffset, ds.labels.byteLength));
  return h.digest('hex');
}
