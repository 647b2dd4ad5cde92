// The posterior flow a configuration names, reading its weights from the model's variables: none, planar steps
// with per-image parameters from the encoder, or IAF steps conditioned on the encoder's context.
import * as tf from '@tensorflow/tfjs-core';
import type { WeightLookup } from '../../shared/network';
import { iafHiddenSize, iafStepNames } from '../../shared/priorFlowWeights';
import { flowKind, type ModelConfig } from '../../shared/types';
import { iafFlow, madeMasks, type IafMasks, type IafStepWeights } from './iaf';
import { planarFlow } from './planar';

export interface PosteriorFlow {
  /** z_K = f_K ∘ … ∘ f_1(z_0) and Σ_k log |det ∂f_k/∂z_{k−1}| per row; `input`: the encoder's flow output per row. */
  apply(z0: tf.Tensor2D, input: tf.Tensor2D | undefined): { z: tf.Tensor2D; logDet: tf.Tensor1D };
  dispose(): void;
}

const identity: PosteriorFlow = {
  apply: (z0) => tf.tidy(() => ({ z: tf.clone(z0), logDet: tf.zeros([z0.shape[0]]) as tf.Tensor1D })),
  dispose: () => undefined,
};

function needInput(input: tf.Tensor2D | undefined): tf.Tensor2D {
  if (!input) throw new Error('this flow needs its input from the encoder (Posterior.flow), and none was given');
  return input;
}

export function flowFor(config: ModelConfig, weight: WeightLookup<tf.Tensor>): PosteriorFlow {
  const steps = config.flowSteps ?? 0;
  switch (flowKind(config)) {
    case 'planar':
      return { apply: (z0, input) => planarFlow(z0, needInput(input), steps), dispose: () => undefined };
    case 'iaf': {
      const d = config.latentDim;
      const { inMask, outMask } = madeMasks(d, iafHiddenSize(d));
      const masks: IafMasks = { inMask: tf.tensor2d(inMask, [d, iafHiddenSize(d)]), outMask: tf.tensor2d(outMask, [iafHiddenSize(d), d]) };
      const weights: IafStepWeights[] = Array.from({ length: steps }, (_, i) => {
        const n = iafStepNames(i);
        return { zKernel: weight(n.zKernel), hKernel: weight(n.hKernel), bias: weight(n.bias), mKernel: weight(n.mKernel), mBias: weight(n.mBias), sKernel: weight(n.sKernel), sBias: weight(n.sBias) };
      });
      return { apply: (z0, input) => iafFlow(z0, needInput(input), weights, masks), dispose: () => tf.dispose([masks.inMask, masks.outMask]) };
    }
    default:
      return identity;
  }
}
