// Multinomial logistic regression (softmax regression) on standardised features, fitted by full-batch gradient
// descent with Nesterov momentum on the mean cross-entropy plus a small L2 penalty. Deterministic: weights start
// at zero, so the same data gives the same model. The linear probe, DCI's importances and SAP's per-dimension
// classifiers are built on it.

export interface LogisticModel {
  d: number;
  k: number;
  /** Standardisation fitted on the training rows: x' = (x − mean) / std. */
  mean: Float64Array;
  std: Float64Array;
  /** d × k weights (on standardised features) and k biases. */
  w: Float64Array;
  b: Float64Array;
}

export interface LogisticOptions {
  iterations?: number;
  /** L2 penalty λ/2 ‖W‖² added to the mean cross-entropy. */
  l2?: number;
  learningRate?: number;
}

/** Fits p(y = c | x) = softmax(W'x' + b)_c on n rows of x (n × d) with classes y in 0..k−1. */
export function fitLogistic(x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number, k: number, o: LogisticOptions = {}): LogisticModel {
  const iterations = o.iterations ?? 300;
  const l2 = o.l2 ?? 1e-4;
  const lr = o.learningRate ?? 0.5;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  // a constant feature stays 0 after standardising (and gets no weight)
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  const xs = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xs[i * d + j] = (x[i * d + j] - mean[j]) / std[j];

  const p = d * k + k; // weights then biases, one vector for the momentum update
  const theta = new Float64Array(p);
  const velocity = new Float64Array(p);
  const look = new Float64Array(p);
  const grad = new Float64Array(p);
  const logits = new Float64Array(k);
  const momentum = 0.9;
  for (let it = 0; it < iterations; it++) {
    for (let q = 0; q < p; q++) look[q] = theta[q] + momentum * velocity[q];
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      // ∂CE/∂logit_c = softmax_c − [c = y]
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = look[d * k + c];
        for (let j = 0; j < d; j++) s += xs[i * d + j] * look[j * k + c];
        logits[c] = s;
        max = Math.max(max, s);
      }
      let z = 0;
      for (let c = 0; c < k; c++) z += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < k; c++) {
        const g = (logits[c] / z - (y[i] === c ? 1 : 0)) / n;
        grad[d * k + c] += g;
        for (let j = 0; j < d; j++) grad[j * k + c] += g * xs[i * d + j];
      }
    }
    for (let q = 0; q < d * k; q++) grad[q] += l2 * look[q];
    for (let q = 0; q < p; q++) {
      velocity[q] = momentum * velocity[q] - lr * grad[q];
      theta[q] += velocity[q];
    }
  }
  return { d, k, mean, std, w: theta.slice(0, d * k), b: theta.slice(d * k) };
}

/** The most probable class of each of n rows. */
export function predictLogistic(m: LogisticModel, x: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let c = 0; c < m.k; c++) {
      let s = m.b[c];
      for (let j = 0; j < m.d; j++) s += ((x[i * m.d + j] - m.mean[j]) / m.std[j]) * m.w[j * m.k + c];
      if (s > best) {
        best = s;
        out[i] = c;
      }
    }
  }
  return out;
}

/** Fraction of rows predicted as their class. */
export function accuracy(predicted: ArrayLike<number>, y: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) right++;
  return y.length ? right / y.length : 0;
}

/** Classes as 0..K−1 (codes of any integers), their count, and the original code of each class. */
export function denseClasses(y: ArrayLike<number>): { y: Int32Array; k: number } {
  const map = new Map<number, number>();
  const out = Int32Array.from({ length: y.length }, (_, i) => {
    let c = map.get(y[i]);
    if (c === undefined) map.set(y[i], (c = map.size));
    return c;
  });
  return { y: out, k: map.size };
}
