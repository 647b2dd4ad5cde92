// The training job the job-process tests run: a 16-unit model with 3 latents on an 8×8 dataset (seconds).
import type { TrainingJob } from '../../../src/protocol/trainingJob';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';

export function tinyJob(data: string, modelDir: string, epochs: number, latentDim = 3): TrainingJob {
  return {
    datasetPath: data,
    modelDir,
    model: { latentDim, hidden: [16], likelihood: 'bernoulli', decoderScale: 0.1 },
    train: { ...DEFAULT_TRAIN, epochs, batchSize: 4, learningRate: 1e-3, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 },
    validationFraction: 0.2,
  };
}
