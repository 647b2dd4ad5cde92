// Adam through the native kernel: one pass per variable instead of tfjs's ~10 element-wise kernels. The new
// values go into a fresh tensor that the variable is assigned (a new tensor id: tfjs-wasm's XNNPACK caches packed
// weights by id, so an in-place change would go unseen). The moments live in ordinary Float32Arrays.
// Same formula and float32 operation order as tf.train.adam (tested against it).
import * as tf from '@tensorflow/tfjs-core';
import type { NativeKernels } from './nativeKernels';
import { heapView, type WasmBackend } from './wasmHeap';

export class FusedAdam {
  private readonly moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  // tfjs keeps β1ᵗ and β2ᵗ as float32 scalars multiplied once per step; so does this, for identical numbers
  private accBeta1: number;
  private accBeta2: number;

  constructor(
    private readonly kernels: NativeKernels,
    private readonly backend: WasmBackend,
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  /** One step: the loss `f` is differentiated w.r.t. `vars`, which are updated; the loss is returned. */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(f, vars);
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    for (const v of vars) {
      const g = grads[v.name];
      if (!g) continue;
      let state = this.moments.get(v.name);
      if (!state) {
        state = { m: new Float32Array(v.size), v: new Float32Array(v.size) };
        this.moments.set(v.name, state);
      }
      const outInfo = this.backend.makeOutput(v.shape, 'float32');
      // views after the allocation and no tfjs call before the kernel: nothing can grow (and detach) the heap
      const param = heapView(this.backend, v, v.size);
      const grad = heapView(this.backend, g, g.size);
      const out = heapView(this.backend, outInfo, v.size);
      this.kernels.adam(param, grad, state.m, state.v, out, this.learningRate, this.beta1, this.beta2, this.epsilon, c1, c2);
      const next = tf.engine().makeTensorFromTensorInfo(outInfo);
      v.assign(next);
      next.dispose();
    }
    tf.dispose(Object.values(grads));
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
    return value;
  }

  dispose(): void {
    this.moments.clear();
  }
}
