// Starting values of a prior's and a flow's weights (the networks start as nn.Linear does, see networks/mlp.ts).
import { IAF_CONTEXT_BIAS, IAF_CONTEXT_KERNEL, MOG_MEANS, PLANAR_BIAS, PLANAR_KERNEL, VAMP_PSEUDO_INPUTS, iafStepNames } from '../../../shared/priorFlowWeights';
import type { Rng } from '../../../shared/rng';
import type { ModelConfig } from '../../../shared/types';
import { flowKind } from '../../../shared/types';

/** IAF's gate bias: σ(2) ≈ 0.88, so each step starts close to the identity (Kingma et al. 2016, §4). */
const IAF_GATE_BIAS = 2;

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function fill(values: Map<string, Float32Array>, name: string, draw: () => number): void {
  const v = values.get(name);
  if (v) for (let i = 0; i < v.length; i++) v[i] = draw();
}

/** A dense kernel [rows, cols] and its bias ~ U(±1/√rows), as nn.Linear. */
function linear(values: Map<string, Float32Array>, kernel: string, bias: string, rows: number, rng: Rng): void {
  const bound = 1 / Math.sqrt(rows);
  fill(values, kernel, () => rng.uniform(-bound, bound));
  fill(values, bias, () => rng.uniform(-bound, bound));
}

/**
 * MoG: means ~ N(0, 1) (spread over the N(0, I) region), log-variances 0, equal weights. VampPrior: pseudo-input
 * logits ~ N(0, 1), noise images around grey that training moves toward the data. Flows as nn.Linear heads; IAF's
 * gates start open to z (bias IAF_GATE_BIAS).
 */
export function initialPriorFlowWeights(config: ModelConfig, values: Map<string, Float32Array>, rng: Rng): void {
  fill(values, MOG_MEANS, () => normal(rng));
  fill(values, VAMP_PSEUDO_INPUTS, () => normal(rng));
  const flow = flowKind(config);
  const trunk = (name: string) => (values.get(name)?.length ?? 0) / Math.max(1, values.get(name.replace('kernel', 'bias'))?.length ?? 1);
  if (flow === 'planar') linear(values, PLANAR_KERNEL, PLANAR_BIAS, trunk(PLANAR_KERNEL), rng);
  if (flow !== 'iaf') return;
  linear(values, IAF_CONTEXT_KERNEL, IAF_CONTEXT_BIAS, trunk(IAF_CONTEXT_KERNEL), rng);
  const d = config.latentDim;
  for (let i = 0; i < (config.flowSteps ?? 0); i++) {
    const n = iafStepNames(i);
    const hidden = values.get(n.bias)?.length ?? 1;
    linear(values, n.zKernel, n.bias, d, rng);
    fill(values, n.hKernel, () => rng.uniform(-1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden)));
    linear(values, n.mKernel, n.mBias, hidden, rng);
    linear(values, n.sKernel, n.sBias, hidden, rng);
    fill(values, n.sBias, () => IAF_GATE_BIAS);
  }
}
