// A conditional VAE given an image without its label: which label explains the image best. The model defines
// log p(x|y) for every label; its ELBO is a lower bound on it, so with a uniform p(y) the label posterior is
// p(y|x) ∝ p(x|y) ≈ softmax_y ELBO(x|y) (the CVAE used as a generative classifier, Kingma et al. 2014's idea).
// The ELBO of each label is averaged over `samples` z draws so the choice does not hinge on one noisy sample.
import * as tf from '@tensorflow/tfjs-core';
import { labelTensor } from './condition';
import { klPerDim } from './kl';
import type { VaeModel } from './models/base';

export interface LabelPosterior {
  /** Index of the most probable label among config.labels. */
  best: number;
  /** p(y|x) per label, from the ELBOs (sums to 1). */
  probabilities: number[];
  /** ELBO(x|y) per label, nats. */
  elbos: number[];
}

/** p(y|x) for ONE flattened image x ([1, inputSize], in [0, 1]) under a conditional model. */
export async function labelPosterior(model: VaeModel, x: tf.Tensor2D, samples = 16, seed = 1): Promise<LabelPosterior> {
  const k = model.config.labels?.length ?? 0;
  if (k === 0) throw new Error('labelPosterior needs a conditional model');
  const elbos = tf.tidy(() => {
    const xs = tf.tile(x, [k * samples, 1]) as tf.Tensor2D;
    // rows: label 0 × samples, label 1 × samples, …
    const y = labelTensor(model.config, Int32Array.from({ length: k * samples }, (_, i) => Math.floor(i / samples)));
    const posterior = model.encode(xs, y);
    const z = model.reparameterize(posterior, seed);
    const elbo = tf.sub(model.logLikelihood(xs, model.decodeRaw(z, y)), tf.sum(klPerDim(posterior.mu, posterior.logvar), 1));
    return tf.mean(tf.reshape(elbo, [k, samples]), 1);
  });
  const values = Array.from(await elbos.data());
  elbos.dispose();
  const max = Math.max(...values);
  const weights = values.map((v) => Math.exp(v - max));
  const total = weights.reduce((a, b) => a + b, 0);
  const probabilities = weights.map((w) => w / total);
  return { best: values.indexOf(max), probabilities, elbos: values };
}
