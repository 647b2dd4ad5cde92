// Shared helpers of the optional native kernels addon (see addon.cc).
#pragma once
#include <node_api.h>

#include <cstddef>

napi_value ThrowError(napi_env env, const char* message);
bool GetFloat32Array(napi_env env, napi_value value, float** data, size_t* length);

/** Adds loadBlas(threads) and sgemm. */
void RegisterSgemm(napi_env env, napi_value exports);
void RegisterAdam(napi_env env, napi_value exports);
/** Adds conv2d, conv2dBackpropInput and conv2dBackpropFilter (conv.cc). */
void RegisterConv(napi_env env, napi_value exports);
