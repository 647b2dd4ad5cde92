// A VQ-VAE's autoregressive prior over its code grids, p(c) = Π_i p(c_i | c_<i) in raster order, as a MADE
// (Germain et al. 2015): one masked dense hidden layer over the one-hot grid [cells·K] and a masked dense output
// of K logits per cell. Degrees make it autoregressive: cell i's inputs have degree i + 1, hidden unit h has
// degree m(h) = 1 + (h mod (cells − 1)); h reads cell j iff m(h) ≥ j + 1, and cell i's logits read h iff
// i + 1 > m(h), so the logits of cell i see only cells < i (cell 0's are its bias: the first cell's marginal).
// Plain arrays, no tfjs: the engine trains the same layout (engine/models/vqvae/codePrior.ts) and the page and
// the CLI sample it here, one cell at a time, keeping the hidden pre-activations as a running sum (one row of the
// input kernel added per chosen code), so a grid costs cells · (H + H·K) multiply-adds, not cells full passes.
import type { WeightSpec } from './architecture';
import { codeGridOf } from './networks/vq';
import { Rng } from './rng';
import type { ModelConfig } from './types';

/** Stored names of the prior's weights (after the VQ-VAE's own). */
export const CODE_PRIOR_WEIGHTS = {
  inKernel: 'vq_prior/hidden/kernel',
  inBias: 'vq_prior/hidden/bias',
  outKernel: 'vq_prior/out/kernel',
  outBias: 'vq_prior/out/bias',
} as const;

/** Hidden units and training epochs when none are chosen (measured on Fashion-MNIST codes: bench/vqvae.md). */
export const DEFAULT_CODE_PRIOR = { hidden: 256, epochs: 10 } as const;

/** The weights [cells·K, H], [H], [H, cells·K], [cells·K] in stored order. */
export function codePriorWeightSpecs(cells: number, k: number, hidden: number): WeightSpec[] {
  return [
    { name: CODE_PRIOR_WEIGHTS.inKernel, shape: [cells * k, hidden] },
    { name: CODE_PRIOR_WEIGHTS.inBias, shape: [hidden] },
    { name: CODE_PRIOR_WEIGHTS.outKernel, shape: [hidden, cells * k] },
    { name: CODE_PRIOR_WEIGHTS.outBias, shape: [cells * k] },
  ];
}

/** MADE degree of hidden unit h: m(h) = 1 + (h mod max(1, cells − 1)), every degree 1…cells−1 in turn. */
export function hiddenDegree(h: number, cells: number): number {
  return 1 + (h % Math.max(1, cells - 1));
}

/** The input mask [cells·K, H]: 1 where hidden unit h may read cell j's one-hot inputs (m(h) ≥ j + 1). */
export function inputMask(cells: number, k: number, hidden: number): Float32Array {
  const m = new Float32Array(cells * k * hidden);
  for (let j = 0; j < cells; j++) {
    for (let h = 0; h < hidden; h++) {
      if (hiddenDegree(h, cells) < j + 1) continue;
      for (let c = 0; c < k; c++) m[(j * k + c) * hidden + h] = 1;
    }
  }
  return m;
}

/** The output mask [H, cells·K]: 1 where cell i's logits may read hidden unit h (i + 1 > m(h)). */
export function outputMask(cells: number, k: number, hidden: number): Float32Array {
  const m = new Float32Array(hidden * cells * k);
  for (let h = 0; h < hidden; h++) {
    for (let i = 0; i < cells; i++) {
      if (i + 1 <= hiddenDegree(h, cells)) continue;
      for (let c = 0; c < k; c++) m[h * cells * k + i * k + c] = 1;
    }
  }
  return m;
}

export interface CodePriorWeights {
  cells: number;
  k: number;
  hidden: number;
  inKernel: Float32Array;
  inBias: Float32Array;
  outKernel: Float32Array;
  outBias: Float32Array;
}

/** The prior's weights out of a model's weights by stored name (the layout codePriorWeightSpecs gives). */
export function codePriorFrom(weights: ReadonlyMap<string, Float32Array>, cells: number, k: number, hidden: number): CodePriorWeights {
  const get = (name: string, size: number): Float32Array => {
    const w = weights.get(name);
    if (!w || w.length !== size) throw new Error(`the code prior needs "${name}" of ${size} values`);
    return w;
  };
  return {
    cells,
    k,
    hidden,
    inKernel: get(CODE_PRIOR_WEIGHTS.inKernel, cells * k * hidden),
    inBias: get(CODE_PRIOR_WEIGHTS.inBias, hidden),
    outKernel: get(CODE_PRIOR_WEIGHTS.outKernel, hidden * cells * k),
    outBias: get(CODE_PRIOR_WEIGHTS.outBias, cells * k),
  };
}

/** Walks one grid in raster order: `choose(i, logits)` picks cell i's code from its K logits (which read only cells < i). */
function walkGrid(p: CodePriorWeights, choose: (i: number, logits: Float64Array) => number): void {
  const { cells, k, hidden } = p;
  const degree = Int32Array.from({ length: hidden }, (_, h) => hiddenDegree(h, cells));
  const pre = Float64Array.from(p.inBias);
  const logits = new Float64Array(k);
  for (let i = 0; i < cells; i++) {
    for (let c = 0; c < k; c++) logits[c] = p.outBias[i * k + c];
    for (let h = 0; h < hidden; h++) {
      // i + 1 > m(h): the unit has read only cells < i, all of which are chosen
      if (degree[h] >= i + 1) continue;
      const a = pre[h];
      if (a <= 0) continue;
      const row = h * cells * k + i * k;
      for (let c = 0; c < k; c++) logits[c] += a * p.outKernel[row + c];
    }
    const code = choose(i, logits);
    const row = (i * k + code) * hidden;
    for (let h = 0; h < hidden; h++) if (degree[h] >= i + 1) pre[h] += p.inKernel[row + h];
  }
}

/** log softmax(logits)[c] = logits[c] − log Σ exp(logits). */
function logSoftmaxAt(logits: Float64Array, c: number): number {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  return logits[c] - max - Math.log(sum);
}

/** log p(c) = Σ_i log p(c_i | c_<i) of one grid of codes, in nats. */
export function codeGridLogProb(p: CodePriorWeights, codes: ArrayLike<number>): number {
  let total = 0;
  walkGrid(p, (i, logits) => {
    total += logSoftmaxAt(logits, codes[i]);
    return codes[i];
  });
  return total;
}

/**
 * n grids drawn cell by cell from p(c_i | c_<i) at temperature T (logits / T: T < 1 sharper, T → 0 the most likely
 * code); [n·cells] codes, grid after grid.
 */
export function sampleCodeGrids(p: CodePriorWeights, n: number, temperature: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const t = Math.max(temperature, 1e-3);
  const out = new Int32Array(n * p.cells);
  const probs = new Float64Array(p.k);
  for (let g = 0; g < n; g++) {
    walkGrid(p, (i, logits) => {
      let max = -Infinity;
      for (const v of logits) max = Math.max(max, v / t);
      let sum = 0;
      for (let c = 0; c < p.k; c++) sum += probs[c] = Math.exp(logits[c] / t - max);
      let r = rng.next() * sum;
      let code = p.k - 1;
      for (let c = 0; c < p.k; c++) if ((r -= probs[c]) < 0) {
        code = c;
        break;
      }
      out[g * p.cells + i] = code;
      return code;
    });
  }
  return out;
}

/** −log of a grid under the uniform prior: cells · log K nats. */
export function uniformGridNll(cells: number, k: number): number {
  return cells * Math.log(k);
}

/** Nats per grid → bits per cell (one "dimension" of the code grid): nll / (cells · ln 2). */
export function bitsPerCell(nllPerGrid: number, cells: number): number {
  return nllPerGrid / (cells * Math.LN2);
}

/** The prior over code grids: 'ar' or 'uniform'; the MADE's hidden units 1…4096 and epochs 1…1000. */
export function validateCodePrior(config: ModelConfig, bad: (what: string) => never): void {
  const { codePrior: p, codePriorHidden: h, codePriorEpochs: e } = config;
  if (p !== undefined && p !== 'ar' && p !== 'uniform') bad(`codePrior ${String(p)} must be "ar" or "uniform"`);
  if (h !== undefined && (!Number.isInteger(h) || h < 1 || h > 4096)) bad(`codePriorHidden ${String(h)} must be an integer in 1…4096`);
  if (e !== undefined && (!Number.isInteger(e) || e < 1 || e > 1000)) bad(`codePriorEpochs ${String(e)} must be an integer in 1…1000`);
  const [gh, gw] = codeGridOf(config.inputShape);
  const size = gh * gw * (config.codebookSize as number) * (h ?? DEFAULT_CODE_PRIOR.hidden);
  // each of its two kernels holds cells · K · H values: the page fetches them with the rest of the weights
  if (p === 'ar' && size > MAX_CODE_PRIOR_KERNEL) bad(`the autoregressive prior's kernels would hold ${size} values each (cells ${gh * gw} × K × H); at most ${MAX_CODE_PRIOR_KERNEL}: choose fewer hidden units or codes`);
}

const MAX_CODE_PRIOR_KERNEL = 1 << 24;
