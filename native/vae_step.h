// The fused training step of the MLP VAE (vae_step.cc does the maths, vae_step_napi.cc reads JavaScript's
// arguments into these structs and checks them).
#pragma once

#include <cstddef>
#include <vector>

namespace vae_step {

enum class Likelihood { kBernoulli = 0, kGaussian = 1, kLaplace = 2 };

/** y = x·W + b with W [in, out] row-major at params + kernel, b [out] at params + bias (offsets in floats). */
struct Dense {
  int in;
  int out;
  size_t kernel;
  size_t bias;
};

/** An MLP VAE: trunk layers (ReLU), the μ and log σ² heads (linear), decoder layers (ReLU, the last linear). */
struct Net {
  int batch;
  int input;
  int latent;
  Likelihood likelihood;
  std::vector<Dense> trunk;
  Dense mu;
  Dense logvar;
  std::vector<Dense> decoder;
};

struct Hyper {
  double beta;       // the KL weight of this step (warm-up / cyclical schedule applied by the caller)
  double free_bits;  // λ of free bits; 0 = off
  float log_scale;   // log σ (Gaussian) or log b (Laplace), fixed; unused for Bernoulli
  float lr, beta1, beta2, epsilon;
  float c1, c2;  // 1 − β1ᵗ and 1 − β2ᵗ, accumulated in float32 by the caller as tfjs does
};

/**
 * One step on the batch x [batch, input] with noise eps [batch, latent]: forward, the loss, backward and Adam over
 * the flat params (m, v the moments, same length). stats gets [loss, Σ recon, Σ KL, Σ_i KL_{i,d} for each d].
 * Returns false when no BLAS is loaded.
 */
bool Step(const Net& net, const Hyper& h, float* params, float* m, float* v, size_t n_params, const float* x, const float* eps,
          double* stats);

}  // namespace vae_step
