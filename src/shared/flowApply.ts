// The posterior flow of a model (planar or IAF) on one code at a time, in plain JavaScript over the saved weight
// arrays: the page applies it to its posterior samples (the flow view) and to μ (interpolation and traversal decode
// f(μ), as the CLI's reconstructions do). The same formulas as engine/flows/planar.ts and iaf.ts (a unit test
// holds the two together); one row here costs microseconds, so the page needs no tfjs for it.
import type { WeightLookup } from './network';
import { madeMasks } from './made';
import { iafHiddenSize, iafStepNames } from './priorFlowWeights';
import { flowKind, type ModelConfig } from './types';

/** z_K = f(z_0) and Σ_k log |det ∂f_k/∂z_{k−1}| for one row; `input` is the encoder's flow output for the image. */
export type RowFlow = (z0: Float32Array, input: Float32Array) => { z: Float32Array; logDet: number };

const LOG_DET_FLOOR = 1e-8;

const softplus = (a: number) => (a > 30 ? a : Math.log1p(Math.exp(a)));

/**
 * Planar steps f(z) = z + û tanh(wᵀz + b) with û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(a) = −1 + softplus(a);
 * log |det| = log |1 + (1 − tanh²(wᵀz + b)) m(wᵀu)| (Rezende & Mohamed 2015). `params`: (u, w, b) per step.
 */
function planarRow(z0: Float32Array, params: Float32Array, steps: number): { z: Float32Array; logDet: number } {
  const d = z0.length;
  const size = 2 * d + 1;
  const z = Float32Array.from(z0);
  let logDet = 0;
  for (let k = 0; k < steps; k++) {
    const o = k * size;
    let wu = 0;
    let ww = 0;
    let a = params[o + 2 * d];
    for (let i = 0; i < d; i++) {
      const w = params[o + d + i];
      wu += w * params[o + i];
      ww += w * w;
      a += w * z[i];
    }
    const m = softplus(wu) - 1;
    const scale = (m - wu) / (ww + 1e-12);
    const t = Math.tanh(a);
    for (let i = 0; i < d; i++) z[i] += (params[o + i] + scale * params[o + d + i]) * t;
    logDet += Math.log(Math.abs(1 + (1 - t * t) * m) + LOG_DET_FLOOR);
  }
  return { z, logDet };
}

/** x [n] · W [n, m] (row-major) added into out [m]. */
function addMatVec(out: Float64Array, x: ArrayLike<number>, w: ArrayLike<number>, m: number): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    for (let j = 0; j < m; j++) out[j] += xi * w[i * m + j];
  }
}

function masked(w: Float32Array, mask: Float32Array): Float32Array {
  return w.map((v, i) => v * mask[i]);
}

/**
 * IAF (Kingma et al. 2016): per step [m, s] = MADE(z, h), z' = σ(s) ⊙ z + (1 − σ(s)) ⊙ m, log |det| = Σ log σ(s);
 * z reversed before every step after the first, and once more at the end when that leaves it reversed.
 */
function iafRows(config: ModelConfig, weight: WeightLookup<Float32Array>): RowFlow {
  const d = config.latentDim;
  const hs = iafHiddenSize(d);
  const { inMask, outMask } = madeMasks(d, hs);
  const steps = Array.from({ length: config.flowSteps ?? 0 }, (_, k) => {
    const n = iafStepNames(k);
    return { zKernel: masked(weight(n.zKernel), inMask), hKernel: weight(n.hKernel), bias: weight(n.bias), mKernel: masked(weight(n.mKernel), outMask), mBias: weight(n.mBias), sKernel: masked(weight(n.sKernel), outMask), sBias: weight(n.sBias) };
  });
  return (z0, h) => {
    let z = Float32Array.from(z0);
    let logDet = 0;
    steps.forEach((w, k) => {
      if (k > 0) z = z.reverse();
      const hidden = Float64Array.from(w.bias);
      addMatVec(hidden, z, w.zKernel, hs);
      addMatVec(hidden, h, w.hKernel, hs);
      for (let j = 0; j < hs; j++) if (hidden[j] < 0) hidden[j] = 0;
      const m = Float64Array.from(w.mBias);
      const s = Float64Array.from(w.sBias);
      addMatVec(m, hidden, w.mKernel, d);
      addMatVec(s, hidden, w.sKernel, d);
      for (let i = 0; i < d; i++) {
        const gate = 1 / (1 + Math.exp(-s[i]));
        z[i] = gate * z[i] + (1 - gate) * m[i];
        logDet -= softplus(-s[i]);
      }
    });
    if (steps.length > 1 && (steps.length - 1) % 2 === 1) z = z.reverse();
    return { z, logDet };
  };
}

/** The model's flow on single rows, or null when it has none. */
export function rowFlowFor(config: ModelConfig, weight: WeightLookup<Float32Array>): RowFlow | null {
  switch (flowKind(config)) {
    case 'planar':
      return (z0, input) => planarRow(z0, input, config.flowSteps ?? 0);
    case 'iaf':
      return iafRows(config, weight);
    default:
      return null;
  }
}
