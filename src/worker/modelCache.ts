// The model a long-lived job process serves, kept between requests with its dataset decoded once: opening a
// model asks for a preview and a latent map, Encode Image for neighbours, Evaluate for a spread of images, and
// each used to read the weights and decode the whole folder again. The cache holds one model (a process serves
// one panel) and is valid while the manifest names the same weights file: a new checkpoint (training, a remedy
// run writing into the folder) has a new content-hashed file name, and then model and data are read afresh
// (and every image's μ, kept for the k-NN inspector, computed afresh with them).
import type { VaeModel } from '../engine/models/base';
import { posteriorMeans } from '../engine/posteriorMeans';
import { UserError } from '../shared/userError';
import { loadModel } from '../store/modelStore';
import { readManifestFile } from '../store/readManifest';
import type { Manifest } from '../store/manifest';
import { datasetCodes, type DatasetCodes } from '../training/encodeImage';
import { loadModelData, type ModelData } from '../training/modelData';

export interface ServedModel {
  dir: string;
  model: VaeModel;
  manifest: Manifest;
  /** The model's training data at its input size, decoded on first use; or why it cannot be read. */
  data(): Promise<ModelData>;
  /** The dataset spread Encode Image compares with, computed on first use; null when the data is gone. */
  codes(): Promise<DatasetCodes | null>;
  /** μ(x) of every image of the training data (count × latentDim), for the k-NN inspector; computed on first use. */
  mus(): Promise<Float32Array>;
}

interface Entry {
  weightsFile: string;
  served: ServedModel;
}

/** Callers run one request at a time (src/worker/jobHandlers.ts queues them): a model is never disposed in use. */
export class ModelCache {
  private entry: Entry | null = null;
  /** How many times a dataset was decoded, for the tests that prove it happens once. */
  decodes = 0;

  async open(dir: string): Promise<ServedModel> {
    const manifest = await readManifestFile(dir);
    if (this.entry && this.entry.served.dir === dir && this.entry.weightsFile === manifest.weights.file) {
      // same weights; other fields (status, an evaluation) may have changed
      this.entry.served.manifest = manifest;
      return this.entry.served;
    }
    this.close();
    const loaded = await loadModel(dir);
    this.entry = { weightsFile: loaded.manifest.weights.file, served: this.serve(dir, loaded.model, loaded.manifest) };
    return this.entry.served;
  }

  close(): void {
    this.entry?.served.model.dispose();
    this.entry = null;
  }

  private serve(dir: string, model: VaeModel, manifest: Manifest): ServedModel {
    let data: Promise<ModelData> | null = null;
    let codes: Promise<DatasetCodes | null> | null = null;
    let mus: Promise<Float32Array> | null = null;
    const served: ServedModel = {
      dir,
      model,
      manifest,
      data: () => {
        if (!data) {
          this.decodes++;
          data = loadModelData(served.manifest);
          // a bug while reading is not cached: the next request tries again (and shows its own stack)
          data.catch(() => (data = null));
        }
        return data;
      },
      codes: () => {
        codes ??= served.data().then((d) => (d.ds ? datasetCodes(model, d.ds) : null));
        return codes;
      },
      mus: () => {
        mus ??= served.data().then((d) => (d.ds ? posteriorMeans(model, d.ds) : Promise.reject(new UserError(`The nearest-neighbour search needs the training data: ${d.problem}.`))));
        // a failure is not kept: the data may come back (a folder remounted), and the next request tries again
        mus.catch(() => (mus = null));
        return mus;
      },
    };
    return served;
  }
}
