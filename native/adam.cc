// One Adam step over a whole parameter array in a single pass. tfjs's Adam spends ~10 element-wise kernels per
// variable (≈ 4 ms of a 12 ms training step for the reference model, each a full pass over memory); this is one
// pass with the same formula in the same float32 operation order, so the numbers match tfjs's optimizer.
#include "kernels.h"

#include <cmath>
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace {

// restrict: the four arrays are distinct, so the compiler vectorises the loop (sqrt and division included; both
// are exact in SIMD, so the result does not change). target_clones: an AVX2 copy chosen at load time where the
// CPU has it, plain SSE2 elsewhere — one binary for every x86-64.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void AdamLoop(const float* __restrict p, float* __restrict out, const float* __restrict g, float* __restrict m, float* __restrict v, size_t n,
              float neg_lr, float b1, float b2, float one_minus_b1, float one_minus_b2, float eps, float c1, float c2) {
  for (size_t i = 0; i < n; i++) {
    const float mi = m[i] * b1 + g[i] * one_minus_b1;
    const float vi = v[i] * b2 + (g[i] * g[i]) * one_minus_b2;
    m[i] = mi;
    v[i] = vi;
    out[i] = ((mi / c1) / (std::sqrt(vi / c2) + eps)) * neg_lr + p[i];
  }
}

// adam(param, grad, m, v, out, lr, beta1, beta2, epsilon, oneMinusAccBeta1, oneMinusAccBeta2), all arrays of one
// length and distinct: m and v are updated in place, the new parameters go to `out`. Not in place for the
// parameters, because tfjs-wasm's XNNPACK caches packed weight matrices by tensor id: a weight changed under the
// same id would be multiplied with its stale packed copy.
napi_value Adam(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 11) return ThrowError(env, "adam(param, grad, m, v, out, lr, beta1, beta2, epsilon, 1−β1ᵗ, 1−β2ᵗ) takes 11 arguments");
  float* arrays[5];
  size_t lengths[5];
  for (int i = 0; i < 5; i++) {
    if (!GetFloat32Array(env, argv[i], &arrays[i], &lengths[i])) return ThrowError(env, "adam: param, grad, m, v and out must be Float32Arrays");
  }
  for (int i = 1; i < 5; i++) {
    if (lengths[i] != lengths[0]) return ThrowError(env, "adam: param, grad, m, v and out must have the same length");
  }
  for (int i = 0; i < 5; i++) {
    for (int j = i + 1; j < 5; j++) {
      // overlapping arrays would break the restrict promise the vectorised loop relies on
      if (lengths[0] > 0 && arrays[i] < arrays[j] + lengths[0] && arrays[j] < arrays[i] + lengths[0]) {
        return ThrowError(env, "adam: the arrays must not overlap");
      }
    }
  }
  double scalars[6];
  for (int i = 0; i < 6; i++) {
    if (napi_get_value_double(env, argv[5 + i], &scalars[i]) != napi_ok) return ThrowError(env, "adam: the hyper-parameters must be numbers");
  }
  const float* p = arrays[0];
  const float* g = arrays[1];
  float* m = arrays[2];
  float* v = arrays[3];
  float* out = arrays[4];
  const float neg_lr = -static_cast<float>(scalars[0]);
  const float b1 = static_cast<float>(scalars[1]);
  const float b2 = static_cast<float>(scalars[2]);
  const float eps = static_cast<float>(scalars[3]);
  const float c1 = static_cast<float>(scalars[4]);
  const float c2 = static_cast<float>(scalars[5]);
#if defined(__SSE__)
  // A weight whose gradient stays 0 (a dead ReLU unit) has moments decaying by β each step into subnormal
  // floats after a few hundred steps; x86 handles those ~100× slower (measured: training slowed by a third by
  // epoch 4). Flush them to zero for this loop only: the thread's mode is restored before JavaScript runs again.
  const unsigned int saved_csr = _mm_getcsr();
  _mm_setcsr(saved_csr | 0x8040);  // FTZ | DAZ
#endif
  // 1 − β in double, then float32: what tfjs (and PyTorch) multiply the gradient by
  const float one_minus_b1 = static_cast<float>(1.0 - scalars[1]);
  const float one_minus_b2 = static_cast<float>(1.0 - scalars[2]);
  AdamLoop(p, out, g, m, v, lengths[0], neg_lr, b1, b2, one_minus_b1, one_minus_b2, eps, c1, c2);
#if defined(__SSE__)
  _mm_setcsr(saved_csr);
#endif
  return nullptr;
}

}  // namespace

void RegisterAdam(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "adam", NAPI_AUTO_LENGTH, Adam, nullptr, &fn);
  napi_set_named_property(env, exports, "adam", fn);
}
