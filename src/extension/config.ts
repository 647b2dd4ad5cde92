// The one place settings are read. Everything below receives plain objects.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_MODEL, DEFAULT_TRAIN, type Likelihood, type ModelConfig, type TrainConfig } from '../shared/types';

export interface TrainingDefaults {
  model: Pick<ModelConfig, 'hidden' | 'latentDim' | 'likelihood' | 'decoderScale'>;
  train: TrainConfig;
  validationFraction: number;
}

const LIKELIHOODS: Likelihood[] = ['bernoulli', 'gaussian', 'laplace'];

export function readTrainingDefaults(): TrainingDefaults {
  const c = vscode.workspace.getConfiguration('latentExplorer');
  const likelihood = c.get<string>('likelihood', DEFAULT_MODEL.likelihood) as Likelihood;
  const hidden = c.get<number[]>('hidden', DEFAULT_MODEL.hidden);
  return {
    model: {
      hidden: Array.isArray(hidden) && hidden.every((h) => Number.isInteger(h) && h > 0) ? hidden : DEFAULT_MODEL.hidden,
      latentDim: c.get<number>('latentDim', DEFAULT_MODEL.latentDim),
      likelihood: LIKELIHOODS.includes(likelihood) ? likelihood : DEFAULT_MODEL.likelihood,
      decoderScale: DEFAULT_MODEL.decoderScale,
    },
    train: {
      epochs: c.get<number>('epochs', DEFAULT_TRAIN.epochs),
      batchSize: c.get<number>('batchSize', DEFAULT_TRAIN.batchSize),
      learningRate: c.get<number>('learningRate', DEFAULT_TRAIN.learningRate),
      beta: c.get<number>('beta', DEFAULT_TRAIN.beta),
      warmupEpochs: c.get<number>('warmupEpochs', DEFAULT_TRAIN.warmupEpochs),
      freeBits: c.get<number>('freeBits', DEFAULT_TRAIN.freeBits ?? 0),
      seed: c.get<number>('seed', DEFAULT_TRAIN.seed),
    },
    validationFraction: c.get<number>('validationFraction', 0.1),
  };
}

/** Where new models go: the setting (absolute, or relative to the workspace folder), else <workspace>/.latent-explorer/models. */
export function modelsFolder(datasetFolder: string): string {
  const setting = vscode.workspace.getConfiguration('latentExplorer').get<string>('modelsFolder', '').trim();
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? datasetFolder;
  if (setting) return path.isAbsolute(setting) ? setting : path.join(ws, setting);
  return path.join(ws, '.latent-explorer', 'models');
}
