// The optional native kernels addon (native/, built into dist/kernels.node), as the engine sees it. backend.ts
// loads it; the fast paths (blasMatMul.ts, fusedAdam.ts) ask here whether it is there.

export interface NativeKernels {
  /**
   * Loads OpenBLAS once per process with `threads` (0: its default, all cores); null when there is none. The first
   * call in a process decides the thread count.
   */
  loadBlas(threads: number): { library: string; config: string; threads: number } | null;
  /** c (m×n) = op(a)·op(b), row-major Float32Arrays of exactly the right lengths; after loadBlas. */
  sgemm(a: Float32Array, b: Float32Array, c: Float32Array, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean): void;
  /** One Adam step: m and v in place, the new parameters into `out` (tfjs's formula and float32 operation order). */
  adam(
    param: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    out: Float32Array,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    oneMinusAccBeta1: number,
    oneMinusAccBeta2: number,
  ): void;
  /**
   * The MLP VAE's fused training step (native/vae_step*.cc): forward, loss, backward and Adam over the flat
   * `params` (m, v the moments) on the batch x with noise eps; absent in an addon built before it. See
   * fusedVaeStep.ts for the layout and hyper arrays; stats receives [loss, Σ recon, Σ KL, Σ_i KL_{i,d} …].
   */
  mlpVaeStep?(
    params: Float32Array,
    m: Float32Array,
    v: Float32Array,
    x: Float32Array,
    eps: Float32Array,
    stats: Float64Array,
    layout: Int32Array,
    hyper: Float64Array,
  ): void;
}

let kernels: NativeKernels | null = null;

export function setNativeKernels(k: NativeKernels | null): void {
  kernels = k;
}

export function nativeKernels(): NativeKernels | null {
  return kernels;
}
