// mlpVaeStep(params, m, v, x, eps, stats, layout, hyper): JavaScript's side of the fused MLP VAE step
// (vae_step.cc). Everything is checked before the step runs: the buffers come from JavaScript and a wrong offset
// or length would read or write outside them.
//   layout (Int32Array): [batch, input, latent, trunk layers T, decoder layers L, likelihood (0 Bernoulli, 1 Gaussian,
//           2 Laplace), then for the T trunk layers, μ, log σ² and the L decoder layers: in, out, kernel offset, bias offset]
//   hyper (Float64Array): [β, free bits λ, log scale, lr, β1, β2, ε, 1 − β1ᵗ, 1 − β2ᵗ]
//   stats (Float64Array, 3 + latent): receives [loss, Σ recon, Σ KL, Σ_i KL_{i,d} …]
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "kernels.h"
#include "vae_step.h"

namespace {

template <typename T>
bool Typed(napi_env env, napi_value value, napi_typedarray_type want, T** data, size_t* length) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return false;
  napi_typedarray_type type;
  void* raw = nullptr;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, nullptr, nullptr) != napi_ok || type != want) return false;
  *data = static_cast<T*>(raw);
  return true;
}

// Reads the layers and checks that they chain (each layer's input is the previous one's output), that the heads
// and the decoder have the latent's size, and that the weights tile the parameter buffer exactly.
const char* ReadNet(const int32_t* lay, size_t n, size_t n_params, vae_step::Net* net) {
  if (n < 6) return "mlpVaeStep: layout too short";
  const int32_t trunk = lay[3], decoder = lay[4];
  if (trunk < 0 || trunk > 64 || decoder < 1 || decoder > 64) return "mlpVaeStep: bad layer counts";
  if (n != 6 + 4 * static_cast<size_t>(trunk + 2 + decoder)) return "mlpVaeStep: layout length does not match the layer counts";
  net->batch = lay[0];
  net->input = lay[1];
  net->latent = lay[2];
  if (net->batch < 1 || net->input < 1 || net->latent < 1) return "mlpVaeStep: batch, input and latent must be positive";
  if (lay[5] < 0 || lay[5] > 2) return "mlpVaeStep: unknown likelihood";
  net->likelihood = static_cast<vae_step::Likelihood>(lay[5]);
  std::vector<vae_step::Dense> all;
  std::vector<std::pair<size_t, size_t>> spans;
  for (int32_t i = 0; i < trunk + 2 + decoder; i++) {
    const int32_t* q = lay + 6 + 4 * i;
    if (q[0] < 1 || q[1] < 1 || q[2] < 0 || q[3] < 0) return "mlpVaeStep: bad layer sizes or offsets";
    const vae_step::Dense l{q[0], q[1], static_cast<size_t>(q[2]), static_cast<size_t>(q[3])};
    spans.push_back({l.kernel, static_cast<size_t>(l.in) * l.out});
    spans.push_back({l.bias, static_cast<size_t>(l.out)});
    all.push_back(l);
  }
  std::sort(spans.begin(), spans.end());
  size_t next = 0;
  for (const auto& [start, size] : spans) {
    if (start != next) return "mlpVaeStep: the weights must tile the parameter buffer without gaps or overlaps";
    next = start + size;
  }
  if (next != n_params) return "mlpVaeStep: the weights do not cover the parameter buffer exactly";
  net->trunk.assign(all.begin(), all.begin() + trunk);
  net->mu = all[trunk];
  net->logvar = all[trunk + 1];
  net->decoder.assign(all.begin() + trunk + 2, all.end());
  int width = net->input;
  for (const auto& l : net->trunk) {
    if (l.in != width) return "mlpVaeStep: the trunk's layers do not chain";
    width = l.out;
  }
  if (net->mu.in != width || net->logvar.in != width || net->mu.out != net->latent || net->logvar.out != net->latent) {
    return "mlpVaeStep: the heads do not fit the trunk and the latent size";
  }
  width = net->latent;
  for (const auto& l : net->decoder) {
    if (l.in != width) return "mlpVaeStep: the decoder's layers do not chain";
    width = l.out;
  }
  if (width != net->input) return "mlpVaeStep: the decoder's output is not the input size";
  return nullptr;
}

napi_value MlpVaeStep(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 8) return ThrowError(env, "mlpVaeStep(params, m, v, x, eps, stats, layout, hyper) takes 8 arguments");
  float *params, *m, *v, *x, *eps;
  size_t lp, lm, lv, lx, le, ls, ll, lh;
  double *stats, *hyper;
  int32_t* layout;
  if (!GetFloat32Array(env, argv[0], &params, &lp) || !GetFloat32Array(env, argv[1], &m, &lm) || !GetFloat32Array(env, argv[2], &v, &lv) ||
      !GetFloat32Array(env, argv[3], &x, &lx) || !GetFloat32Array(env, argv[4], &eps, &le)) {
    return ThrowError(env, "mlpVaeStep: params, m, v, x and eps must be Float32Arrays");
  }
  if (!Typed(env, argv[5], napi_float64_array, &stats, &ls) || !Typed(env, argv[6], napi_int32_array, &layout, &ll) ||
      !Typed(env, argv[7], napi_float64_array, &hyper, &lh)) {
    return ThrowError(env, "mlpVaeStep: stats must be a Float64Array, layout an Int32Array, hyper a Float64Array");
  }
  vae_step::Net net;
  if (const char* problem = ReadNet(layout, ll, lp, &net)) return ThrowError(env, problem);
  if (lm != lp || lv != lp) return ThrowError(env, "mlpVaeStep: m and v must have the parameters' length");
  const size_t rows = static_cast<size_t>(net.batch);
  if (lx != rows * net.input || le != rows * net.latent) return ThrowError(env, "mlpVaeStep: x or eps does not have batch × size values");
  if (ls != 3 + static_cast<size_t>(net.latent)) return ThrowError(env, "mlpVaeStep: stats must hold 3 + latent values");
  if (lh != 9) return ThrowError(env, "mlpVaeStep: hyper must hold 9 values");
  // the moments are updated in place: overlapping buffers would corrupt each other
  const float* starts[3] = {params, m, v};
  for (int i = 0; i < 3; i++) {
    for (int j = i + 1; j < 3; j++) {
      if (starts[i] < starts[j] + lp && starts[j] < starts[i] + lp) return ThrowError(env, "mlpVaeStep: params, m and v must not overlap");
    }
  }
  const vae_step::Hyper h{hyper[0], hyper[1], static_cast<float>(hyper[2]), static_cast<float>(hyper[3]), static_cast<float>(hyper[4]),
                          static_cast<float>(hyper[5]), static_cast<float>(hyper[6]), static_cast<float>(hyper[7]), static_cast<float>(hyper[8])};
  if (!vae_step::Step(net, h, params, m, v, lp, x, eps, stats)) return ThrowError(env, "mlpVaeStep: no OpenBLAS loaded (call loadBlas first)");
  return nullptr;
}

}  // namespace

void RegisterVaeStep(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "mlpVaeStep", NAPI_AUTO_LENGTH, MlpVaeStep, nullptr, &fn);
  napi_set_named_property(env, exports, "mlpVaeStep", fn);
}
