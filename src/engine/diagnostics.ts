// Posterior-collapse diagnostics. A latent dimension the encoder ignores has μ(x) constant over x (so KL ≈ 0
// and Var_x E[z|x] ≈ 0): the decoder gets no information through it.

/** Active units (Burda et al. 2016): dimensions with Var_x(E_q[z|x]) above the threshold (0.01). */
export function activeUnits(muVariance: ArrayLike<number>, threshold = 0.01): number {
  let n = 0;
  for (let i = 0; i < muVariance.length; i++) if (muVariance[i] > threshold) n++;
  return n;
}

/** Indices of dimensions whose average KL is below the threshold (0.01 nats): collapsed onto the prior. */
export function collapsedDims(klPerDim: ArrayLike<number>, threshold = 0.01): number[] {
  const out: number[] = [];
  for (let i = 0; i < klPerDim.length; i++) if (klPerDim[i] < threshold) out.push(i);
  return out;
}

/** Running per-dimension mean and variance of μ over images, in float64 (Welford would be overkill here). */
export class MomentAccumulator {
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  private n = 0;

  constructor(readonly dims: number) {
    this.sum = new Float64Array(dims);
    this.sumSq = new Float64Array(dims);
  }

  /** Adds rows of a [rows, dims] row-major array. */
  add(values: ArrayLike<number>, rows: number): void {
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < this.dims; d++) {
        const v = values[r * this.dims + d];
        this.sum[d] += v;
        this.sumSq[d] += v * v;
      }
    }
    this.n += rows;
  }

  variance(): Float64Array {
    const out = new Float64Array(this.dims);
    if (this.n < 2) return out;
    for (let d = 0; d < this.dims; d++) {
      const mean = this.sum[d] / this.n;
      out[d] = Math.max(0, (this.sumSq[d] - this.n * mean * mean) / (this.n - 1));
    }
    return out;
  }
}
