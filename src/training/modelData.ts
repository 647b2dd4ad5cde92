// A saved model's training data, read again at the model's input size for the views that need it (preview,
// latent map, encode's neighbours, evaluation). The folder may have moved or changed since training: then the
// result says why in words the panel can show, and each view decides whether that is an error or a notice.
import { loadDataset } from '../data/loadDataset';
import type { Dataset } from '../shared/dataset';
import type { Manifest } from '../store/manifest';
import { isUserError } from '../shared/userError';

export type ModelData = { ds: Dataset; problem: null } | { ds: null; problem: string };

export async function loadModelData(manifest: Manifest): Promise<ModelData> {
  const [h, w, c] = manifest.model.inputShape;
  const root = manifest.dataset.root;
  // a model imported without --data has no dataset of its own
  if (root === '') return { ds: null, problem: 'this model was imported without a dataset (import it again with --data, or choose one in Import ONNX Model…)' };
  try {
    const ds = await loadDataset(root, { size: { width: w, height: h } });
    if (ds.channels !== c) return { ds: null, problem: `the data at ${root} has ${ds.channels} channel(s); the model expects ${c}` };
    return { ds, problem: null };
  } catch (err) {
    // gone, unreadable or not a dataset any more is for the panel to say; anything else is a bug with a stack
    if (!isUserError(err) && !(err as NodeJS.ErrnoException).code) throw err;
    return { ds: null, problem: `the training data is no longer readable at ${root}: ${(err as Error).message}` };
  }
}
