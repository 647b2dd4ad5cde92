// The model directory's manifest.json: its schema, and a validator that checks every field a loader relies on
// before anything large is read or allocated, saying which field is wrong and why.
import type { CodePriorFit, EpochMetrics, EvalMetrics, ModelConfig, TrainConfig } from '../shared/types';
import { validateConfig, weightSpecsFor } from '../shared/architecture';
import { UserError, isUserError } from '../shared/userError';
import { manifestNames, readTrainConfig } from '../shared/trainConfig';
import { validateOnnxEntry, type OnnxManifestEntry } from './onnxFiles';

export const MANIFEST_FORMAT = 'latent-explorer-model';
export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** A manifest is metadata only; anything bigger is not ours. */
export const MAX_MANIFEST_BYTES = 20 * 1024 * 1024;

export interface WeightsEntry {
  file: string;
  byteLength: number;
  sha256: string;
  specs: { name: string; shape: number[]; dtype: 'float32' }[];
}

export interface DatasetInfo {
  root: string;
  fingerprint: string;
  count: number;
  trainCount: number;
  validationCount: number;
  height: number;
  width: number;
  channels: 1 | 3;
  labelNames: string[];
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  createdAt: string;
  updatedAt: string;
  status: 'training' | 'completed' | 'cancelled' | 'failed';
  model: ModelConfig;
  training: TrainConfig;
  dataset: DatasetInfo;
  epochs: EpochMetrics[];
  evaluation: EvalMetrics | null;
  weights: WeightsEntry;
  /** An imported model's ONNX files (model.model 'onnx'; its weights entry is then an empty file). */
  onnx?: OnnxManifestEntry;
  /** A VQ-VAE's fitted autoregressive prior (model.codePrior 'ar'; its weights are in the weights file). */
  codePrior?: CodePriorFit;
}

export type ManifestInput = Omit<Manifest, 'format' | 'version' | 'createdAt' | 'updatedAt' | 'weights'>;

export const WEIGHTS_FILE_PATTERN = /^weights-[0-9a-f]{16}\.bin$/;

type Obj = Record<string, unknown>;

export function validateManifest(json: unknown, file: string): Manifest {
  const fail = (field: string, what: string): never => {
    throw new UserError(`${file}: "${field}" ${what}. This folder is not a usable Latent Explorer model.`);
  };
  const obj = (v: unknown, field: string): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : fail(field, 'must be an object'));
  const num = (o: Obj, k: string, prefix: string, min = -Infinity, max = Infinity): number => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(`${prefix}${k}`, `must be a number in [${min}, ${max}], found ${JSON.stringify(v)}`);
    return v as number;
  };
  const int = (o: Obj, k: string, prefix: string, min: number, max: number): number => {
    const v = num(o, k, prefix, min, max);
    if (!Number.isInteger(v)) fail(`${prefix}${k}`, `must be an integer, found ${v}`);
    return v;
  };
  const str = (o: Obj, k: string, prefix: string): string => (typeof o[k] === 'string' ? (o[k] as string) : fail(`${prefix}${k}`, 'must be a string'));

  const m = obj(json, '(top level)');
  if (m.format !== MANIFEST_FORMAT) fail('format', `must be "${MANIFEST_FORMAT}", found ${JSON.stringify(m.format)}`);
  const version = m.version;
  if (typeof version !== 'number') fail('version', 'is missing');
  if ((version as number) > MANIFEST_VERSION) fail('version', `is ${version}: made by a newer Latent Explorer (this one reads version ${MANIFEST_VERSION}); update the extension`);
  if (version !== MANIFEST_VERSION) fail('version', `is ${version}: an unsupported older format (this one reads version ${MANIFEST_VERSION})`);
  str(m, 'createdAt', '');
  str(m, 'updatedAt', '');
  if (!['training', 'completed', 'cancelled', 'failed'].includes(m.status as string)) fail('status', `is ${JSON.stringify(m.status)}`);

  const model = obj(m.model, 'model') as unknown as ModelConfig;
  try {
    validateConfig(model);
  } catch (err) {
    if (isUserError(err)) fail('model', `is invalid: ${err.message}`);
    throw err;
  }
  // the same validator as settings and flags; it fills what older manifests lack (freeBits) with the default
  const training = readTrainConfig(obj(m.training, 'training'), manifestNames(file));

  const d = obj(m.dataset, 'dataset');
  str(d, 'root', 'dataset.');
  str(d, 'fingerprint', 'dataset.');
  for (const k of ['count', 'trainCount', 'validationCount']) int(d, k, 'dataset.', 0, 1e9);
  const [h, w, c] = model.inputShape;
  if (d.height !== h || d.width !== w || d.channels !== c) fail('dataset', `shape ${String(d.height)}×${String(d.width)}×${String(d.channels)} disagrees with model.inputShape ${h}×${w}×${c}`);
  if (!Array.isArray(d.labelNames) || d.labelNames.some((n) => typeof n !== 'string')) fail('dataset.labelNames', 'must be a list of strings');
  if (!Array.isArray(m.epochs)) fail('epochs', 'must be a list');
  if (m.evaluation !== null && typeof m.evaluation !== 'object') fail('evaluation', 'must be an object or null');

  validateWeightsEntry(obj(m.weights, 'weights'), model, fail);
  if (model.model === 'onnx') validateOnnxEntry(m.onnx, fail);
  else if (m.onnx !== undefined) fail('onnx', `is only for an imported model (model.model "onnx"), not ${JSON.stringify(model.model ?? 'vae')}`);
  // a model saved before the autoregressive prior has neither field: it samples the uniform prior
  if (model.codePrior === 'ar') {
    const p = obj(m.codePrior, 'codePrior');
    for (const k of ['epochs', 'trainGrids', 'testGrids']) int(p, k, 'codePrior.', 0, 1e9);
    for (const k of ['arNll', 'unigramNll', 'uniformNll', 'seconds']) num(p, k, 'codePrior.', 0);
    if (p.testSplit !== 'validation' && p.testSplit !== 'train') fail('codePrior.testSplit', `must be "validation" or "train", found ${JSON.stringify(p.testSplit)}`);
  } else if (m.codePrior !== undefined) fail('codePrior', 'describes an autoregressive prior the model (model.codePrior) does not have');
  return { ...m, training } as unknown as Manifest;
}

function validateWeightsEntry(w: Obj, model: ModelConfig, fail: (field: string, what: string) => never): void {
  if (typeof w.file !== 'string' || !WEIGHTS_FILE_PATTERN.test(w.file)) fail('weights.file', `must name a weights-<hash>.bin file in the model folder, found ${JSON.stringify(w.file)}`);
  if (typeof w.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(w.sha256)) fail('weights.sha256', 'must be a 64-digit hex SHA-256');
  if (!Array.isArray(w.specs)) fail('weights.specs', 'must be a list');
  const expected = weightSpecsFor(model);
  const specs = w.specs as { name?: unknown; shape?: unknown; dtype?: unknown }[];
  if (specs.length !== expected.length) fail('weights.specs', `lists ${specs.length} weights; the architecture needs ${expected.length}`);
  let bytes = 0;
  expected.forEach((e, i) => {
    const s = specs[i];
    if (!s || s.name !== e.name) fail(`weights.specs[${i}].name`, `must be "${e.name}", found ${JSON.stringify(s?.name)}`);
    if (!Array.isArray(s.shape) || s.shape.length !== e.shape.length || s.shape.some((v, j) => v !== e.shape[j])) {
      fail(`weights.specs[${i}].shape`, `must be [${e.shape.join(', ')}] for "${e.name}", found ${JSON.stringify(s.shape)}`);
    }
    if (s.dtype !== 'float32') fail(`weights.specs[${i}].dtype`, `must be "float32", found ${JSON.stringify(s.dtype)}`);
    bytes += e.shape.reduce((a, b) => a * b, 1) * 4;
  });
  if (w.byteLength !== bytes) fail('weights.byteLength', `is ${JSON.stringify(w.byteLength)} but the specs need ${bytes} bytes`);
}
