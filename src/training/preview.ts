// A handful of images and their reconstructions for the panel's grid.
import { subsetDataset } from '../data/split';
import type { Dataset } from '../shared/dataset';
import { reconstructionErrors, worstFirst } from '../engine/anomaly';
import { reconstruct } from '../engine/generate';
import type { VaeModel } from '../engine/models/base';
import type { Preview, PreviewOrder } from '../protocol/preview';
import { spreadIndices } from '../shared/spread';

/** Up to `count` images with their reconstructions and anomaly scores; 'worst' ranks the whole dataset first. */
export async function makePreview(model: VaeModel, ds: Dataset, count: number, order: PreviewOrder = 'spread'): Promise<Preview> {
  let idx: number[];
  let errors: ArrayLike<number>;
  if (order === 'worst') {
    const all = await reconstructionErrors(model, ds);
    idx = worstFirst(all, count);
    errors = idx.map((j) => all[j]);
  } else {
    // a spread needs the scores of its own images only, not of the whole dataset (60 000 images: seconds)
    idx = spreadIndices(ds.count, count);
    errors = await reconstructionErrors(model, subsetDataset(ds, idx));
  }
  const per = ds.height * ds.width * ds.channels;
  const originals = new Uint8Array(idx.length * per);
  idx.forEach((j, i) => originals.set(ds.images.subarray(j * per, (j + 1) * per), i * per));
  return {
    order,
    errors: Array.from(errors),
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    count: idx.length,
    originals,
    reconstructions: reconstruct(model, ds, idx),
    sources: idx.map((j) => ds.sources[j]),
  };
}

