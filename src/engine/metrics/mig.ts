// Mutual Information Gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs"), as
// disentanglement_lib's evaluation/metrics/mig.py `_compute_mig`: each code dimension discretised into 20
// equal-width bins, the discrete mutual information of every (code, factor) pair, and per factor the gap between
// the two most informative codes divided by the factor's entropy, averaged over factors.
import { discreteEntropy, histogramDiscretize, mutualInfoScore } from './discretize';

/** I(code_i; factor_j) for discretised codes (n × d row-major values) and factor classes: d × k row-major. */
export function codeFactorMutualInfo(codes: ArrayLike<number>, n: number, d: number, factors: Int32Array[], bins = 20): Float64Array {
  const k = factors.length;
  const m = new Float64Array(d * k);
  const column = new Float64Array(n);
  for (let i = 0; i < d; i++) {
    for (let r = 0; r < n; r++) column[r] = codes[r * d + i];
    const discrete = histogramDiscretize(column, bins);
    for (let j = 0; j < k; j++) m[i * k + j] = mutualInfoScore(factors[j], discrete);
  }
  return m;
}

/** MIG = mean_j (I_(1)j − I_(2)j) / H(v_j): the sorted top two mutual informations of factor j over its entropy. */
export function mig(codes: ArrayLike<number>, n: number, d: number, factors: Int32Array[], bins = 20): { mig: number; perFactor: number[] } {
  if (d < 2) throw new Error('MIG needs at least two code dimensions');
  const k = factors.length;
  const m = codeFactorMutualInfo(codes, n, d, factors, bins);
  const perFactor: number[] = [];
  for (let j = 0; j < k; j++) {
    const col = Array.from({ length: d }, (_, i) => m[i * k + j]).sort((a, b) => b - a);
    // a constant factor has entropy 0: numpy's 0/0 gives NaN there too
    perFactor.push((col[0] - col[1]) / discreteEntropy(factors[j]));
  }
  return { mig: perFactor.reduce((s, v) => s + v, 0) / k, perFactor };
}
