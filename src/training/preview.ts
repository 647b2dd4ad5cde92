// A handful of images and their reconstructions for the panel's grid.
import type { Dataset } from '../shared/dataset';
import { reconstructionErrors, worstFirst } from '../engine/anomaly';
import { reconstruct } from '../engine/generate';
import type { VaeModel } from '../engine/models/base';
import type { Preview, PreviewOrder } from '../protocol/preview';
import { spreadIndices } from '../shared/spread';

/** Up to `count` images with their reconstructions and anomaly scores; 'worst' ranks the whole dataset first. */
export async function makePreview(model: VaeModel, ds: Dataset, count: number, order: PreviewOrder = 'spread'): Promise<Preview> {
  const errors = await reconstructionErrors(model, ds);
  const idx = order === 'worst' ? worstFirst(errors, count) : spreadIndices(ds.count, count);
  const per = ds.height * ds.width * ds.channels;
  const originals = new Uint8Array(idx.length * per);
  idx.forEach((j, i) => originals.set(ds.images.subarray(j * per, (j + 1) * per), i * per));
  return {
    order,
    errors: idx.map((j) => errors[j]),
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
    count: idx.length,
    originals,
    reconstructions: reconstruct(model, ds, idx),
    sources: idx.map((j) => ds.sources[j]),
  };
}

