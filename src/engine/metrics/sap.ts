// Separated Attribute Predictability (Kumar et al. 2018, "Variational Inference of Disentangled Latent Concepts
// from Unlabeled Observations"), as disentanglement_lib's evaluation/metrics/sap_score.py: a score per (code,
// factor) pair, then per factor the gap between the two best codes, averaged. For a numeric factor the score is
// the one of `continuous_factors=True` there, the squared correlation Cov(μ_i, v_j)² / (Var μ_i · Var v_j)
// (0 when Var μ_i ≤ 1e-12). For a categorical factor disentanglement_lib fits sklearn's LinearSVC(C = 0.01,
// balanced) on the single code and scores held-out accuracy; here the single-code classifier is a softmax
// regression (logistic.ts) on the same held-out split: the same kind of score, not LinearSVC's numbers.
import type { HeldOutSplit } from './split';
import { accuracy, fitLogistic, predictLogistic } from './logistic';
import { take, takeRows } from './split';

export type SapFactor = { kind: 'numeric'; values: ArrayLike<number> } | { kind: 'categorical'; classes: Int32Array; k: number };

/** np.cov(a, b, ddof = 1) entries: Var a, Var b, Cov(a, b). */
function covariancePair(a: ArrayLike<number>, b: ArrayLike<number>): { va: number; vb: number; cab: number } {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let va = 0;
  let vb = 0;
  let cab = 0;
  for (let i = 0; i < n; i++) {
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
    cab += (a[i] - ma) * (b[i] - mb);
  }
  return { va: va / (n - 1), vb: vb / (n - 1), cab: cab / (n - 1) };
}

/** The d × k score matrix of sap_score.compute_score_matrix (numeric factors on all rows, categorical on the split). */
export function sapScoreMatrix(codes: ArrayLike<number>, n: number, d: number, factors: SapFactor[], split: HeldOutSplit): Float64Array {
  const k = factors.length;
  const s = new Float64Array(d * k);
  const column = new Float64Array(n);
  for (let i = 0; i < d; i++) {
    for (let r = 0; r < n; r++) column[r] = codes[r * d + i];
    for (let j = 0; j < k; j++) {
      const f = factors[j];
      if (f.kind === 'numeric') {
        const { va, vb, cab } = covariancePair(column, f.values);
        s[i * k + j] = va > 1e-12 ? (cab * cab) / (va * vb) : 0;
      } else {
        const xTrain = takeRows(column, 1, split.train);
        const model = fitLogistic(xTrain, take(f.classes, split.train), split.train.length, 1, f.k, { iterations: 200 });
        s[i * k + j] = accuracy(predictLogistic(model, takeRows(column, 1, split.test), split.test.length), take(f.classes, split.test));
      }
    }
  }
  return s;
}

/** compute_avg_diff_top_two: mean over factors of (best − second best) score. */
export function sapFromMatrix(s: ArrayLike<number>, d: number, k: number): number {
  let total = 0;
  for (let j = 0; j < k; j++) {
    const col = Array.from({ length: d }, (_, i) => s[i * k + j]).sort((a, b) => b - a);
    total += col[0] - col[1];
  }
  return total / k;
}
