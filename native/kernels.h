// Shared helpers of the optional native kernels addon (see addon.cc).
#pragma once
#include <node_api.h>

#include <cstddef>

napi_value ThrowError(napi_env env, const char* message);
bool GetFloat32Array(napi_env env, napi_value value, float** data, size_t* length);

/**
 * Row-major C = alpha·op(A)·op(B) + beta·C through the loaded OpenBLAS (sgemm.cc); false when none is loaded.
 * For kernels that chain several products in C++ (vae_step.cc).
 */
bool BlasLoaded();
bool BlasGemm(bool ta, bool tb, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb, float beta, float* c, int ldc);

/** Adds loadBlas(threads) and sgemm. */
void RegisterSgemm(napi_env env, napi_value exports);
void RegisterAdam(napi_env env, napi_value exports);
/** Adds conv2d, conv2dBackpropInput and conv2dBackpropFilter (conv.cc). */
void RegisterConv(napi_env env, napi_value exports);
/** Adds mlpVaeStep, the fused training step of the MLP VAE (vae_step.cc). */
void RegisterVaeStep(napi_env env, napi_value exports);
