// The one-hot condition a conditional VAE reads beside each image: the dataset's labels, matched to the model's
// label names by name (a folder loaded later may order or name its subfolders differently).
import * as tf from '@tensorflow/tfjs-core';
import { oneHot } from '../shared/condition';
import type { Dataset } from '../shared/dataset';
import { modelVariant, type ModelConfig } from '../shared/types';
import { UserError } from '../shared/userError';

/** Whether the model reads a label beside each image. */
export function isConditional(config: ModelConfig): boolean {
  return modelVariant(config) === 'cvae';
}

/** The index of label `name` among the model's labels, or a UserError listing them. */
export function labelIndex(config: ModelConfig, name: string): number {
  const labels = config.labels ?? [];
  const i = labels.indexOf(name);
  if (i < 0) {
    throw new UserError(
      labels.length ? `Unknown label "${name}": this model's labels are ${labels.join(', ')}.` : `Label "${name}" given, but this model is not conditional (model ${modelVariant(config)}).`,
    );
  }
  return i;
}

/** One-hot rows [n, K] for label indices among the model's K labels. */
export function labelTensor(config: ModelConfig, indices: ArrayLike<number>): tf.Tensor2D {
  const k = config.labels?.length ?? 0;
  return tf.tensor2d(oneHot(indices, k), [indices.length, k]);
}

/** The condition for images `indices` of the dataset: undefined for an unconditional model. */
export function conditionFor(config: ModelConfig, ds: Dataset, indices: ArrayLike<number>): tf.Tensor2D | undefined {
  if (!isConditional(config)) return undefined;
  if (!ds.labels) throw new UserError('This conditional VAE needs labelled images (one subfolder per class, or an IDX label file); these have no labels.');
  const toModel = ds.labelNames.map((name) => labelIndex(config, name));
  const mapped = Int32Array.from({ length: indices.length }, (_, i) => toModel[ds.labels![indices[i]]]);
  return labelTensor(config, mapped);
}
