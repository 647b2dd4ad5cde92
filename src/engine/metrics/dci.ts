// DCI (Eastwood & Williams 2018, "A Framework for the Quantitative Evaluation of Disentangled Representations"),
// as disentanglement_lib's evaluation/metrics/dci.py. The formulas on the importance matrix R (codes × factors)
// are the same: disentanglement = Σ_i ρ_i (1 − H_k(R_i·)) with ρ_i the share of code i in all importance,
// completeness = Σ_j ρ_j (1 − H_d(R_·j)), each entropy in base k (or d) of the normalised row (column) plus
// 1e-11, as scipy.stats.entropy computes it. The importance model differs: disentanglement_lib fits sklearn's
// GradientBoostingClassifier per factor and takes its feature_importances_; here it is a softmax regression per
// factor on standardised codes (logistic.ts), importance R_ij = Σ_c |W_ic|, and informativeness its held-out
// accuracy. Numbers are therefore comparable in kind, not equal, to disentanglement_lib's.
import { accuracy, fitLogistic, predictLogistic } from './logistic';
import type { HeldOutSplit } from './split';
import { take, takeRows } from './split';

/** scipy.stats.entropy(p, base): normalises p, then −Σ p log p / log base. */
function entropyBase(p: number[], base: number): number {
  const sum = p.reduce((s, v) => s + v, 0);
  let h = 0;
  for (const v of p) {
    const q = v / sum;
    if (q > 0) h -= q * Math.log(q);
  }
  return h / Math.log(base);
}

/** dci.disentanglement(R): R is d × k row-major (codes × factors). */
export function dciDisentanglement(r: ArrayLike<number>, d: number, k: number): number {
  let total = 0;
  for (let i = 0; i < d * k; i++) total += r[i];
  let score = 0;
  for (let i = 0; i < d; i++) {
    const row = Array.from({ length: k }, (_, j) => r[i * k + j] + 1e-11);
    const perCode = 1 - entropyBase(row, k);
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += r[i * k + j];
    // an all-zero matrix counts as all-ones for the weights (as dci.py)
    score += perCode * (total === 0 ? 1 / d : rowSum / total);
  }
  return score;
}

/** dci.completeness(R). */
export function dciCompleteness(r: ArrayLike<number>, d: number, k: number): number {
  let total = 0;
  for (let i = 0; i < d * k; i++) total += r[i];
  let score = 0;
  for (let j = 0; j < k; j++) {
    const col = Array.from({ length: d }, (_, i) => r[i * k + j] + 1e-11);
    const perFactor = 1 - entropyBase(col, d);
    let colSum = 0;
    for (let i = 0; i < d; i++) colSum += r[i * k + j];
    score += perFactor * (total === 0 ? 1 / k : colSum / total);
  }
  return score;
}

export interface DciResult {
  disentanglement: number;
  completeness: number;
  /** Mean held-out accuracy of the per-factor classifiers (dci.py's informativeness_test). */
  informativeness: number;
  /** The importance matrix R, d × k row-major. */
  importance: Float64Array;
}

/** Importance per (code, factor) from one softmax regression per factor, then D, C and I. */
export function dci(codes: ArrayLike<number>, d: number, factors: { classes: Int32Array; k: number }[], split: HeldOutSplit): DciResult {
  const k = factors.length;
  if (d < 2 || k < 1) throw new Error('DCI needs at least two code dimensions and one factor');
  const r = new Float64Array(d * k);
  const xTrain = takeRows(codes, d, split.train);
  const xTest = takeRows(codes, d, split.test);
  let informativeness = 0;
  factors.forEach((f, j) => {
    const model = fitLogistic(xTrain, take(f.classes, split.train), split.train.length, d, f.k);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let c = 0; c < f.k; c++) s += Math.abs(model.w[i * f.k + c]);
      r[i * k + j] = s;
    }
    informativeness += accuracy(predictLogistic(model, xTest, split.test.length), take(f.classes, split.test)) / k;
  });
  return { disentanglement: dciDisentanglement(r, d, k), completeness: dciCompleteness(r, d, k), informativeness, importance: r };
}
