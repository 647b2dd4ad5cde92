// Row-major sgemm through the system's optimised BLAS (OpenBLAS), loaded with dlopen at run time, so building
// needs only a C++ compiler and Node's headers, not a BLAS development package.
//
// Why: tfjs-wasm multiplies on one core with 128-bit SIMD and no FMA (~22 GFLOP/s); OpenBLAS uses AVX2+FMA on
// every core (~100 GFLOP/s per core here). The engine registers this as tfjs-wasm's matMul kernel and reads and
// writes the wasm heap in place (see src/engine/blasMatMul.ts).
#include "kernels.h"

#include <dlfcn.h>

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>
namespace {

// CBLAS constants, declared here so no cblas.h is needed
constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;

using SgemmFn = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);
using ConfigFn = char* (*)();
using ThreadsFn = int (*)();

SgemmFn sgemm = nullptr;
std::string library;
std::string config;
int threads = 0;

// Only a BLAS that says it is OpenBLAS is used: Debian's reference libblas.so.3 exports the same cblas_sgemm but
// runs at ~5 GFLOP/s, four times slower than the wasm path it would replace.
// Threads: OpenBLAS starts its thread pool when it is loaded and registers a fork handler that joins that pool.
// In VS Code's extension host, which spawns processes from its main thread all the time (git, search), a fork
// while our worker thread was inside a threaded sgemm deadlocked the whole host (seen with gdb: main thread in
// blas_thread_shutdown_ → pthread_join, the pool thread waiting for the worker). With one thread OpenBLAS
// starts no pool and the fork handler has nothing to join; the host's worker therefore asks for 1.
bool loadBlas(const char* override_path, int want_threads) {
  if (want_threads > 0) {
    // read by OpenBLAS's constructor at dlopen: this must precede the first load in the process
    setenv("OPENBLAS_NUM_THREADS", std::to_string(want_threads).c_str(), 1);
  }
  const char* candidates[] = {override_path, "libopenblas.so.0", "libopenblas.so", "libblas.so.3"};
  for (const char* name : candidates) {
    if (name == nullptr || *name == '\0') continue;
    void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) continue;
    auto get_config = reinterpret_cast<ConfigFn>(dlsym(handle, "openblas_get_config"));
    auto fn = reinterpret_cast<SgemmFn>(dlsym(handle, "cblas_sgemm"));
    if (get_config == nullptr || fn == nullptr) {
      dlclose(handle);
      continue;
    }
    sgemm = fn;
    library = name;
    config = get_config();
    auto get_threads = reinterpret_cast<ThreadsFn>(dlsym(handle, "openblas_get_num_threads"));
    threads = get_threads ? get_threads() : 0;
    return true;
  }
  return false;
}

bool Int(napi_env env, napi_value value, int32_t* out) {
  return napi_get_value_int32(env, value, out) == napi_ok;
}

bool Bool(napi_env env, napi_value value, bool* out) {
  return napi_get_value_bool(env, value, out) == napi_ok;
}

// sgemm(a, b, c, m, n, k, transposeA, transposeB): c (m×n) = op(a) · op(b), all row-major and contiguous.
napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 8) return ThrowError(env, "sgemm(a, b, c, m, n, k, transposeA, transposeB) takes 8 arguments");
  if (sgemm == nullptr) return ThrowError(env, "no OpenBLAS loaded (call loadBlas first)");
  float *a, *b, *c;
  size_t la, lb, lc;
  int32_t m, n, k;
  bool ta, tb;
  if (!GetFloat32Array(env, argv[0], &a, &la) || !GetFloat32Array(env, argv[1], &b, &lb) || !GetFloat32Array(env, argv[2], &c, &lc)) {
    return ThrowError(env, "sgemm: a, b and c must be Float32Arrays");
  }
  if (!Int(env, argv[3], &m) || !Int(env, argv[4], &n) || !Int(env, argv[5], &k) || !Bool(env, argv[6], &ta) ||
      !Bool(env, argv[7], &tb)) {
    return ThrowError(env, "sgemm: m, n, k must be integers and the transpose flags booleans");
  }
  // the arrays may be views of the wasm heap: a wrong size would read or write someone else's tensor
  if (m <= 0 || n <= 0 || k <= 0) return ThrowError(env, "sgemm: m, n and k must be positive");
  if (la != static_cast<size_t>(m) * k || lb != static_cast<size_t>(k) * n || lc != static_cast<size_t>(m) * n) {
    return ThrowError(env, "sgemm: array lengths do not match m, n, k");
  }
  const int lda = ta ? m : k;
  const int ldb = tb ? k : n;
  sgemm(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, n);
  return nullptr;
}

napi_value Info(napi_env env, napi_callback_info) {
  napi_value obj, lib, cfg, thr;
  napi_create_object(env, &obj);
  napi_create_string_utf8(env, library.c_str(), library.size(), &lib);
  napi_create_string_utf8(env, config.c_str(), config.size(), &cfg);
  napi_create_int32(env, threads, &thr);
  napi_set_named_property(env, obj, "library", lib);
  napi_set_named_property(env, obj, "config", cfg);
  napi_set_named_property(env, obj, "threads", thr);
  return obj;
}

}  // namespace

bool BlasLoaded() { return sgemm != nullptr; }

bool BlasGemm(bool ta, bool tb, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb, float beta, float* c, int ldc) {
  if (sgemm == nullptr) return false;
  sgemm(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  return true;
}

// loadBlas(threads): loads OpenBLAS once per process (0 = its default, all cores) and returns what was loaded,
// or null when no OpenBLAS is found. The first call decides; later calls (other worker threads) get the same.
napi_value LoadBlas(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t want = 0;
  if (argc >= 1 && napi_get_value_int32(env, argv[0], &want) != napi_ok) return ThrowError(env, "loadBlas(threads): threads must be an integer");
  static std::once_flag once;
  static bool loaded = false;
  std::call_once(once, [want] { loaded = loadBlas(getenv("LATENT_EXPLORER_BLAS"), want); });
  if (!loaded) {
    napi_value null_value;
    napi_get_null(env, &null_value);
    return null_value;
  }
  return Info(env, info);
}

void RegisterSgemm(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "loadBlas", NAPI_AUTO_LENGTH, LoadBlas, nullptr, &fn);
  napi_set_named_property(env, exports, "loadBlas", fn);
  napi_create_function(env, "sgemm", NAPI_AUTO_LENGTH, Sgemm, nullptr, &fn);
  napi_set_named_property(env, exports, "sgemm", fn);
}
