// The MLP VAE's whole training step in one native call: forward, loss, backward, Adam, over one flat parameter
// buffer. The plain path (tfjs-wasm ops + the native sgemm and Adam kernels) spends ~60% of a step outside the
// products, in ~100 small tfjs kernels and their JavaScript glue; here those are a few loops over the batch.
// Same formulas as the plain path (src/engine/elbo.ts, likelihoods.ts, kl.ts, fusedAdam.ts), float32 values; sums of
// per-image terms for the reported statistics are accumulated in double.
#include "vae_step.h"

#include <algorithm>
#include <cmath>

#include "kernels.h"
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace vae_step {
namespace {

constexpr double kLog2Pi = 1.8378770664093453;

struct Workspace {
  std::vector<std::vector<float>> trunk, decoder;  // each layer's output (after its activation)
  std::vector<float> mu, logvar, sd, z, dmu, dlogvar, da, db, grad;
  std::vector<double> kl_mean;
};

void Fit(std::vector<float>& v, size_t n) {
  if (v.size() != n) v.assign(n, 0.0f);
}

// y = x·W + b (then ReLU): the bias is written first and the product added to it (sgemm with beta = 1)
void Forward(const Dense& l, int rows, const float* params, const float* x, float* y, bool relu) {
  const float* b = params + l.bias;
  for (int i = 0; i < rows; i++) std::copy(b, b + l.out, y + static_cast<size_t>(i) * l.out);
  BlasGemm(false, false, rows, l.out, l.in, 1.0f, x, l.in, params + l.kernel, l.out, 1.0f, y, l.out);
  if (relu) {
    const size_t n = static_cast<size_t>(rows) * l.out;
    for (size_t i = 0; i < n; i++) y[i] = std::max(y[i], 0.0f);
  }
}

// Given dy = ∂loss/∂(x·W + b): dW = xᵀ·dy, db = Σ_rows dy; and dx = dy·Wᵀ (+ the existing dx when accumulate)
// unless dx is null. relu_x: x is a ReLU output, so dx is masked by x > 0 (relu'(a) = 1 where the output is positive).
void Backward(const Dense& l, int rows, const float* params, const float* x, const float* dy, float* grad, float* dx, bool accumulate,
              bool relu_x) {
  BlasGemm(true, false, l.in, l.out, rows, 1.0f, x, l.in, dy, l.out, 0.0f, grad + l.kernel, l.out);
  float* db = grad + l.bias;
  std::fill(db, db + l.out, 0.0f);
  for (int i = 0; i < rows; i++) {
    const float* r = dy + static_cast<size_t>(i) * l.out;
    for (int j = 0; j < l.out; j++) db[j] += r[j];
  }
  if (dx == nullptr) return;
  BlasGemm(false, true, rows, l.in, l.out, 1.0f, dy, l.out, params + l.kernel, l.out, accumulate ? 1.0f : 0.0f, dx, l.in);
  if (relu_x) {
    const size_t n = static_cast<size_t>(rows) * l.in;
    for (size_t i = 0; i < n; i++) dx[i] = x[i] > 0.0f ? dx[i] : 0.0f;
  }
}

/**
 * −log p(x|out) summed over pixels per image (into recon) and ∂/∂out × scale (into d, in place of out's copy).
 * Bernoulli: softplus(l) − x·l, ∂ = σ(l) − x. Gaussian with m = σ(out): ½(log 2π + 2 log σ + (x − m)²/σ²),
 * ∂ = (m − x)/σ² · m(1 − m). Laplace: log 2b + |x − m|/b, ∂ = sign(m − x)/b · m(1 − m).
 */
void NegLogLik(Likelihood kind, int rows, int cols, const float* x, const float* out, float log_scale, float scale, double* recon, float* d) {
  const float inv_var = std::exp(-2.0f * log_scale);
  const float inv_b = std::exp(-log_scale);
  const double per_pixel = kind == Likelihood::kGaussian ? 0.5 * (kLog2Pi + 2.0 * log_scale) : kind == Likelihood::kLaplace ? std::log(2.0) + log_scale : 0.0;
  for (int i = 0; i < rows; i++) {
    const size_t o = static_cast<size_t>(i) * cols;
    float sum = 0.0f;
    for (int j = 0; j < cols; j++) {
      const float l = out[o + j];
      const float t = x[o + j];
      // e = e^−|l| ∈ (0, 1]: softplus(l) = max(l, 0) + log1p(e) and σ(l) never overflow
      const float e = std::exp(-std::fabs(l));
      const float sig = l >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
      if (kind == Likelihood::kBernoulli) {
        sum += std::max(l, 0.0f) + std::log1p(e) - t * l;
        d[o + j] = (sig - t) * scale;
      } else if (kind == Likelihood::kGaussian) {
        const float r = sig - t;
        sum += 0.5f * r * r * inv_var;
        d[o + j] = r * inv_var * sig * (1.0f - sig) * scale;
      } else {
        const float r = sig - t;
        sum += std::fabs(r) * inv_b;
        d[o + j] = (r > 0.0f ? 1.0f : r < 0.0f ? -1.0f : 0.0f) * inv_b * sig * (1.0f - sig) * scale;
      }
    }
    recon[i] = sum + per_pixel * cols;
  }
}

void Adam(const Hyper& h, float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, size_t n) {
  // 1 − β in double, then float32: what tfjs multiplies the gradient by (as native/adam.cc)
  const float one_minus_b1 = static_cast<float>(1.0 - static_cast<double>(h.beta1));
  const float one_minus_b2 = static_cast<float>(1.0 - static_cast<double>(h.beta2));
  for (size_t i = 0; i < n; i++) {
    const float mi = m[i] * h.beta1 + g[i] * one_minus_b1;
    const float vi = v[i] * h.beta2 + (g[i] * g[i]) * one_minus_b2;
    m[i] = mi;
    v[i] = vi;
    p[i] = ((mi / h.c1) / (std::sqrt(vi / h.c2) + h.epsilon)) * -h.lr + p[i];
  }
}

}  // namespace

bool Step(const Net& net, const Hyper& h, float* params, float* m, float* v, size_t n_params, const float* x, const float* eps, double* stats) {
  if (!BlasLoaded()) return false;
  thread_local Workspace w;
  const int B = net.batch;
  const int d = net.latent;
  const size_t bd = static_cast<size_t>(B) * d;
#if defined(__SSE__)
  // subnormal moments of dead units cost ~100× on x86 (see adam.cc): flush them for this call only
  const unsigned int saved_csr = _mm_getcsr();
  _mm_setcsr(saved_csr | 0x8040);
#endif
  // forward: trunk, heads, z = μ + σ ⊙ ε with σ = exp(½ log σ²), decoder
  w.trunk.resize(net.trunk.size());
  w.decoder.resize(net.decoder.size());
  const float* h_in = x;
  for (size_t l = 0; l < net.trunk.size(); l++) {
    Fit(w.trunk[l], static_cast<size_t>(B) * net.trunk[l].out);
    Forward(net.trunk[l], B, params, h_in, w.trunk[l].data(), true);
    h_in = w.trunk[l].data();
  }
  for (auto* buf : {&w.mu, &w.logvar, &w.sd, &w.z, &w.dmu, &w.dlogvar}) Fit(*buf, bd);
  Forward(net.mu, B, params, h_in, w.mu.data(), false);
  Forward(net.logvar, B, params, h_in, w.logvar.data(), false);
  for (size_t i = 0; i < bd; i++) {
    w.sd[i] = std::exp(0.5f * w.logvar[i]);
    w.z[i] = w.mu[i] + w.sd[i] * eps[i];
  }
  const float* dec_in = w.z.data();
  for (size_t l = 0; l < net.decoder.size(); l++) {
    Fit(w.decoder[l], static_cast<size_t>(B) * net.decoder[l].out);
    Forward(net.decoder[l], B, params, dec_in, w.decoder[l].data(), l + 1 < net.decoder.size());
    dec_in = w.decoder[l].data();
  }
  // loss = mean_i recon_i + β·(mean_i Σ_d KL_id, or Σ_d max(λ, mean_i KL_id) with free bits), KL_id = ½(μ² + σ² − 1 − log σ²)
  size_t widest = static_cast<size_t>(net.input);
  for (const auto& l : net.decoder) widest = std::max(widest, static_cast<size_t>(l.in));
  for (const auto& l : net.trunk) widest = std::max(widest, static_cast<size_t>(l.out));
  Fit(w.da, static_cast<size_t>(B) * widest);
  Fit(w.db, static_cast<size_t>(B) * widest);
  std::vector<double> recon(B);
  NegLogLik(net.likelihood, B, net.input, x, w.decoder.back().data(), h.log_scale, 1.0f / B, recon.data(), w.da.data());
  double recon_sum = 0.0;
  for (int i = 0; i < B; i++) recon_sum += recon[i];
  w.kl_mean.assign(d, 0.0);
  for (int i = 0; i < B; i++) {
    for (int j = 0; j < d; j++) {
      const size_t k = static_cast<size_t>(i) * d + j;
      const float mu = w.mu[k];
      w.kl_mean[j] += 0.5f * ((mu * mu + std::exp(w.logvar[k])) - (1.0f + w.logvar[k]));
    }
  }
  double kl_sum = 0.0, kl_term = 0.0;
  for (int j = 0; j < d; j++) {
    stats[3 + j] = w.kl_mean[j];
    kl_sum += w.kl_mean[j];
    w.kl_mean[j] /= B;
    kl_term += h.free_bits > 0 ? std::max(w.kl_mean[j], h.free_bits) : w.kl_mean[j];
  }
  stats[0] = recon_sum / B + h.beta * kl_term;
  stats[1] = recon_sum;
  stats[2] = kl_sum;
  // backward through the decoder: da holds ∂loss/∂(the layer's pre-activation), db receives ∂loss/∂(its input).
  // Every gradient is written whole (the layers tile the parameters, checked by the caller): no zeroing needed.
  Fit(w.grad, n_params);
  for (size_t l = net.decoder.size(); l-- > 0;) {
    const float* in = l == 0 ? w.z.data() : w.decoder[l - 1].data();
    float* dx = l == 0 ? w.dmu.data() : w.db.data();
    Backward(net.decoder[l], B, params, in, w.da.data(), w.grad.data(), dx, false, l > 0);
    if (l > 0) std::swap(w.da, w.db);
  }
  // dmu held ∂loss/∂z: through z = μ + σ ε (∂z/∂ log σ² = ½ σ ε) and the KL's ∂/∂μ = μ, ∂/∂ log σ² = ½(σ² − 1)
  const float g = static_cast<float>(h.beta / B);
  for (int i = 0; i < B; i++) {
    for (int j = 0; j < d; j++) {
      const size_t k = static_cast<size_t>(i) * d + j;
      // with free bits a dimension below λ gets no KL gradient (tfjs's maximum passes it to the mean when mean ≥ λ)
      const float gk = h.free_bits > 0 && w.kl_mean[j] < h.free_bits ? 0.0f : g;
      const float dz = w.dmu[k];
      w.dmu[k] = dz + gk * w.mu[k];
      w.dlogvar[k] = 0.5f * (dz * eps[k] * w.sd[k]) + gk * (0.5f * (std::exp(w.logvar[k]) - 1.0f));
    }
  }
  // the heads; ∂loss/∂h = dμ·W_μᵀ + d log σ²·W_σᵀ, masked by the trunk's ReLU
  const bool has_trunk = !net.trunk.empty();
  const float* h_out = has_trunk ? w.trunk.back().data() : x;
  Backward(net.mu, B, params, h_out, w.dmu.data(), w.grad.data(), has_trunk ? w.da.data() : nullptr, false, false);
  Backward(net.logvar, B, params, h_out, w.dlogvar.data(), w.grad.data(), has_trunk ? w.da.data() : nullptr, true, has_trunk);
  for (size_t l = net.trunk.size(); l-- > 0;) {
    const float* in = l == 0 ? x : w.trunk[l - 1].data();
    // the data batch needs no gradient: the first layer's dx is skipped (its largest product)
    Backward(net.trunk[l], B, params, in, w.da.data(), w.grad.data(), l == 0 ? nullptr : w.db.data(), false, l > 0);
    if (l > 0) std::swap(w.da, w.db);
  }
  Adam(h, params, w.grad.data(), m, v, n_params);
#if defined(__SSE__)
  _mm_setcsr(saved_csr);
#endif
  return true;
}

}  // namespace vae_step
