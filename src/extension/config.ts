// The one place settings are read. Everything below receives plain objects, already checked: a bad value is a
// UserError naming the setting (latentExplorer.beta …) before anything trains. package.json's minimum/maximum
// only make VS Code underline a value in settings.json; they do not stop it from arriving here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readRunSettings, SETTING_NAMES, type RunSettings } from '../shared/trainConfig';
import { UserError } from '../shared/userError';

export type TrainingDefaults = RunSettings;

/** The settings a training run reads, by the field names of TrainConfig and the model choices. */
const TRAINING_SETTINGS = ['epochs', 'batchSize', 'learningRate', 'beta', 'warmupEpochs', 'freeBits', 'klSchedule', 'klCycles', 'klRatio', 'seed', 'latentDim', 'hidden', 'likelihood', 'validationFraction', 'codebookSize', 'codeDim', 'commitment', 'ema', 'codePrior', 'codePriorHidden', 'codePriorEpochs', 'gamma', 'decoder'] as const;

/** The training settings, checked; throws a UserError naming the first bad setting. */
export function readTrainingDefaults(): TrainingDefaults {
  const c = vscode.workspace.getConfiguration('latentExplorer');
  const raw: Record<string, unknown> = {};
  // get() falls back to package.json's default; an unset setting not contributed there stays undefined and
  // readRunSettings applies DEFAULT_TRAIN (a unit test keeps package.json's defaults equal to it)
  for (const key of TRAINING_SETTINGS) raw[key] = c.get<unknown>(key);
  raw.net = c.get<unknown>('network');
  // a conv network's dense layers default to the reference conv VAE's [256], not the MLP's [400] in package.json:
  // the hidden setting counts only where someone set it
  const hidden = c.inspect<unknown>('hidden');
  if (raw.net === 'conv' && [hidden?.globalValue, hidden?.workspaceValue, hidden?.workspaceFolderValue].every((v) => v === undefined)) delete raw.hidden;
  return readRunSettings(raw, SETTING_NAMES);
}

const DEFAULT_MAX_DATASET_MB = 2048;

/** latentExplorer.maxDatasetMemoryMB: above this estimate, training offers a subset that fits. */
export function readMaxDatasetMemoryMB(): number {
  const v = vscode.workspace.getConfiguration('latentExplorer').get<unknown>('maxDatasetMemoryMB', DEFAULT_MAX_DATASET_MB);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) {
    throw new UserError(SETTING_NAMES.explain(`latentExplorer.maxDatasetMemoryMB is ${JSON.stringify(v)}; it must be a number ≥ 1`));
  }
  return v;
}

/** Where new models go: the setting (absolute, or relative to the workspace folder), else <workspace>/.latent-explorer/models. */
export function modelsFolder(datasetFolder: string): string {
  const value = vscode.workspace.getConfiguration('latentExplorer').get<unknown>('modelsFolder', '');
  if (typeof value !== 'string') throw new UserError(SETTING_NAMES.explain(`latentExplorer.modelsFolder is ${JSON.stringify(value)}; it must be a folder path (text)`));
  const setting = value.trim();
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? datasetFolder;
  if (setting) return path.isAbsolute(setting) ? setting : path.join(ws, setting);
  return path.join(ws, '.latent-explorer', 'models');
}
