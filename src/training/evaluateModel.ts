// Evaluate from the editor: the model's data (a spread of up to `maxImages`), −ELBO and the IWAE estimate,
// recorded in the manifest like `latent-explorer eval`.
import { loadDataset } from '../data/loadDataset';
import { subsetDataset } from '../data/split';
import { evaluate } from '../engine/evaluate';
import type { EvalMetrics } from '../shared/types';
import { loadModel, updateManifest } from '../store/modelStore';
import { UserError } from '../shared/userError';
import { spreadIndices } from '../shared/spread';

export async function evaluateModel(modelDir: string, iwaeK: number, maxImages: number): Promise<EvalMetrics> {
  const { model, manifest } = await loadModel(modelDir);
  try {
    const [h, w] = manifest.model.inputShape;
    const all = await loadDataset(manifest.dataset.root, { size: { width: w, height: h } }).catch((err: unknown) => {
      throw new UserError(`Evaluation needs the data at ${manifest.dataset.root}, which is no longer readable: ${(err as Error).message}`);
    });
    const metrics = await evaluate(model, subsetDataset(all, spreadIndices(all.count, maxImages)), { iwaeK });
    await updateManifest(modelDir, { evaluation: metrics });
    return metrics;
  } finally {
    model.dispose();
  }
}
