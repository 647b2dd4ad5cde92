// The weights a learnable prior (MoG, VampPrior) or a posterior flow (planar, IAF) adds to a VAE, as plain data:
// their stored names and shapes, appended to the architecture's weights so that saving, loading, checkWeights and
// the page all see them. The maths that reads them is in engine/priors/ and engine/flows/.
import type { WeightSpec } from './architecture';
import { flowKind, priorKind, type ModelConfig } from './types';

/** MoG prior: component means [K, D], log-variances [K, D] and mixture logits [K] (π = softmax). */
export const MOG_MEANS = 'prior/means';
export const MOG_LOGVARS = 'prior/logvars';
export const MOG_LOGITS = 'prior/logits';
/** VampPrior: the K pseudo-inputs as logits [K, inputSize]; the image is sigmoid(logit), in [0, 1] like the data. */
export const VAMP_PSEUDO_INPUTS = 'prior/pseudoInputs';
/** Planar flows, amortised: one dense head on the encoder's trunk giving (u, w, b) for every step. */
export const PLANAR_KERNEL = 'flow/planar/kernel';
export const PLANAR_BIAS = 'flow/planar/bias';
/** IAF: the encoder's context head h(x) the autoregressive networks also read. */
export const IAF_CONTEXT_KERNEL = 'flow/context/kernel';
export const IAF_CONTEXT_BIAS = 'flow/context/bias';

/** One IAF step's MADE: z (masked) and h → hidden (ReLU) → m and s (masked). */
export function iafStepNames(step: number) {
  const p = `flow/iaf${step}`;
  return { zKernel: `${p}/zKernel`, hKernel: `${p}/hKernel`, bias: `${p}/bias`, mKernel: `${p}/mKernel`, mBias: `${p}/mBias`, sKernel: `${p}/sKernel`, sBias: `${p}/sBias` };
}

/** Hidden units of an IAF step's MADE and the size of the context h: enough degrees for every dimension. */
export function iafHiddenSize(latentDim: number): number {
  return Math.max(64, 4 * latentDim);
}

/** Parameters per planar step: u [D], w [D], b [1]. */
export function planarStepSize(latentDim: number): number {
  return 2 * latentDim + 1;
}

/** The prior's weights (none for N(0, I)). */
export function priorWeightSpecs(config: ModelConfig, inputSize: number): WeightSpec[] {
  const k = config.priorComponents ?? 0;
  const d = config.latentDim;
  switch (priorKind(config)) {
    case 'mog':
      return [
        { name: MOG_MEANS, shape: [k, d] },
        { name: MOG_LOGVARS, shape: [k, d] },
        { name: MOG_LOGITS, shape: [k] },
      ];
    case 'vamp':
      return [{ name: VAMP_PSEUDO_INPUTS, shape: [k, inputSize] }];
    default:
      return [];
  }
}

/** The flow's weights (none without a flow); `trunkSize`: the size of the encoder's trunk output the heads read. */
export function flowWeightSpecs(config: ModelConfig, trunkSize: number): WeightSpec[] {
  const n = config.flowSteps ?? 0;
  const d = config.latentDim;
  switch (flowKind(config)) {
    case 'planar':
      return [
        { name: PLANAR_KERNEL, shape: [trunkSize, n * planarStepSize(d)] },
        { name: PLANAR_BIAS, shape: [n * planarStepSize(d)] },
      ];
    case 'iaf': {
      const hs = iafHiddenSize(d);
      const specs: WeightSpec[] = [
        { name: IAF_CONTEXT_KERNEL, shape: [trunkSize, hs] },
        { name: IAF_CONTEXT_BIAS, shape: [hs] },
      ];
      for (let i = 0; i < n; i++) {
        const w = iafStepNames(i);
        specs.push(
          { name: w.zKernel, shape: [d, hs] },
          { name: w.hKernel, shape: [hs, hs] },
          { name: w.bias, shape: [hs] },
          { name: w.mKernel, shape: [hs, d] },
          { name: w.mBias, shape: [d] },
          { name: w.sKernel, shape: [hs, d] },
          { name: w.sBias, shape: [d] },
        );
      }
      return specs;
    }
    default:
      return [];
  }
}
