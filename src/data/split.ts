// Seeded train/validation split, and subsets that share nothing mutable with their parent.
import { Rng } from '../shared/rng';
import type { Dataset, Split } from './types';

export function subsetDataset(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const per = ds.height * ds.width * ds.channels;
  const images = new Uint8Array(indices.length * per);
  const labels = ds.labels ? new Int32Array(indices.length) : null;
  const sources: string[] = [];
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    images.set(ds.images.subarray(j * per, (j + 1) * per), i * per);
    if (labels && ds.labels) labels[i] = ds.labels[j];
    sources.push(ds.sources[j]);
  }
  return { ...ds, images, count: indices.length, labels, sources };
}

/** A shuffled split with ⌊n·fraction⌋ validation images (at least 1 when fraction > 0 and n > 1). */
export function splitDataset(ds: Dataset, validationFraction = 0.1, seed = 1): Split {
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new RangeError(`validation fraction ${validationFraction} must be in [0, 1)`);
  }
  const perm = new Rng(seed).permutation(ds.count);
  let nVal = Math.floor(ds.count * validationFraction);
  if (validationFraction > 0 && nVal === 0 && ds.count > 1) nVal = 1;
  const val = Array.from(perm.subarray(0, nVal)).sort((a, b) => a - b);
  const train = Array.from(perm.subarray(nVal)).sort((a, b) => a - b);
  return { train: subsetDataset(ds, train), validation: subsetDataset(ds, val) };
}
