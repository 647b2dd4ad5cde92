import { datasetFingerprint } from '../data/fingerprint';
import type { Dataset, Split } from '../data/types';
import type { DatasetInfo } from './manifest';

/** What the manifest records about the data a model was trained on. */
export function datasetInfo(root: string, all: Dataset, split: Split): DatasetInfo {
  return {
    root,
    fingerprint: datasetFingerprint(all),
    count: all.count,
    trainCount: split.train.count,
    validationCount: split.validation.count,
    height: all.height,
    width: all.width,
    channels: all.channels,
    labelNames: all.labelNames,
  };
}
