// What a training run is asked to do and what it reports at the end: plain data that crosses from the host (or
// the CLI) to the job process, so it lives with the protocol and not with the code that runs it.
import type { LoadReport } from '../shared/dataset';
import type { EpochMetrics, ModelConfig, TrainConfig } from '../shared/types';

/** How the dataset is read for a run (the loader's options that can cross a process boundary). */
export interface JobLoadOptions {
  /** Target size; default the most common size, capped at 64×64. */
  size?: { width: number; height: number };
  /** At most this many images: a seeded random sample of a folder's files. */
  limit?: number;
  /** Refuse any image whose header claims more pixels than this. */
  maxPixels?: number;
  /** Decode threads; 0 decodes in the loading thread. */
  threads?: number;
  /** The fewest image files worth starting decode workers for. */
  poolMinFiles?: number;
}

export interface TrainingJob {
  datasetPath: string;
  modelDir: string;
  /** Architecture choices; inputShape comes from the data. */
  model: Partial<Omit<ModelConfig, 'inputShape' | 'kind'>>;
  train: TrainConfig;
  load?: JobLoadOptions;
  validationFraction: number;
  /** Replace a model already in modelDir. */
  overwrite?: boolean;
}

export interface TrainingOutcome {
  modelDir: string;
  status: 'completed' | 'cancelled';
  /** The configuration the model was built with (variant, network, labels…). */
  model: ModelConfig;
  epochs: EpochMetrics[];
  report: LoadReport;
  nTrain: number;
  nValidation: number;
  /** How the steps ran: 'fused' the native MLP VAE step, 'plain' tfjs ops (engine/train.ts). */
  step?: 'fused' | 'plain';
  /**
   * A VQ-VAE whose run was to fit the autoregressive prior over code grids: 'fitted' (saved with the model), or
   * 'cancelled' (stopped during that fit: the model is the completed VQ-VAE with the uniform prior). Absent otherwise.
   */
  codePrior?: 'fitted' | 'cancelled';
}
