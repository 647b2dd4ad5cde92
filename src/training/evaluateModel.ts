// Evaluate from the editor: the model's data (a spread of up to `maxImages`), −ELBO and the IWAE estimate,
// recorded in the manifest like `latent-explorer eval`.
import { subsetDataset } from '../data/split';
import { evaluate } from '../engine/evaluate';
import type { VaeModel } from '../engine/models/base';
import type { Dataset } from '../shared/dataset';
import type { EvalMetrics } from '../shared/types';
import { updateManifest } from '../store/modelStore';
import { spreadIndices } from '../shared/spread';

/** Evaluates `model` (saved in `modelDir`) on its already-loaded dataset `all` and records the figures there. */
export async function evaluateModel(model: VaeModel, modelDir: string, all: Dataset, iwaeK: number, maxImages: number): Promise<EvalMetrics> {
  const metrics = await evaluate(model, subsetDataset(all, spreadIndices(all.count, maxImages)), { iwaeK });
  await updateManifest(modelDir, { evaluation: metrics });
  return metrics;
}
