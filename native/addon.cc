// The optional native kernels addon (dist/kernels.node), built by scripts/buildNative.mjs with a C++ compiler and
// Node's headers. Nothing requires it: without it the engine runs on tfjs-wasm alone and gives the same numbers
// within float rounding. Node-API keeps it binary-compatible across Node versions and Electron (VS Code).
#include "kernels.h"

napi_value ThrowError(napi_env env, const char* message) {
  napi_throw_error(env, nullptr, message);
  return nullptr;
}

bool GetFloat32Array(napi_env env, napi_value value, float** data, size_t* length) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return false;
  napi_typedarray_type type;
  void* raw = nullptr;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, nullptr, nullptr) != napi_ok) return false;
  if (type != napi_float32_array) return false;
  *data = static_cast<float*>(raw);
  return true;
}

NAPI_MODULE_INIT() {
  RegisterSgemm(env, exports);
  RegisterAdam(env, exports);
  RegisterConv(env, exports);
  RegisterVaeStep(env, exports);
  return exports;
}
