// A small model of one variant trained on the bundled sample, as a variant's panel test needs it: the epochs the host
// would send, a preview of 8 validation images, the summary, and the weights served by the harness as /weights.bin.
import { join } from 'node:path';
import { loadDataset, splitDataset } from '../../src/data';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { summaryOf } from '../../src/protocol/summary';
import type { ModelConfig } from '../../src/shared/types';
import { makePreview } from '../../src/training/preview';
import { repo, setWeightsFile } from './harness';

export async function trainVariantForPage(modelDir: string, config: ModelConfig, opts: { limit: number; learningRate: number }) {
  await initBackend();
  const all = await loadDataset(join(repo, 'samples/fashion-mnist'), { limit: opts.limit });
  const { train, validation } = splitDataset(all, 0.1, 1);
  const training = { epochs: 2, batchSize: 64, learningRate: opts.learningRate, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };
  const model = createModel(config, 2);
  try {
    const { epochs } = await trainVae(model, { train, validation }, training);
    const preview = await makePreview(model, validation, 8);
    const values = model.weightValues();
    const specs = model.weightSpecs();
    setWeightsFile(Buffer.concat(specs.map((sp) => Buffer.from(values.get(sp.name)!.buffer))));
    const dataset = { root: 'samples/fashion-mnist', fingerprint: '', count: all.count, trainCount: train.count, validationCount: validation.count, height: 28, width: 28, channels: 1 as const, labelNames: all.labelNames };
    return { epochs, preview, specs, summary: summaryOf(modelDir, { status: 'completed', model: config, training, dataset }) };
  } finally {
    model.dispose();
  }
}
