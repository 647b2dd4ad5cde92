// NHWC 2-D convolution and both of its gradients as im2col/col2im + OpenBLAS sgemm, reading and writing tfjs-wasm's
// heap in place (see src/engine/kernels/conv2d.ts), like sgemm.cc does for matMul.
//
// Why: tfjs-wasm 4.22 has no Conv2DBackpropFilter kernel at all, its Conv2DBackpropInput is slow, and all of its
// kernels run on one core with 128-bit SIMD. Written as matrix products the three ops are
//   forward   y[M, O]  = cols[M, K] · w[K, O]
//   dX        dcols    = dy[M, O] · wᵀ, then col2im (scatter-add) into dx
//   dW        dw[K, O] = colsᵀ · dy
// with M = batch·OH·OW rows (one per output pixel), K = kh·kw·C (one patch), and w's own layout [kh, kw, C, O]
// already [K, O] row-major: OpenBLAS does the flops on every core it was loaded with.
#include "kernels.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;
using SgemmFn = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);
using ThreadsFn = int (*)();

// The OpenBLAS that sgemm.cc's loadBlas chose, found again with RTLD_NOLOAD (dlopen of a loaded library returns the
// same instance, so its thread pool and thread count are the ones loadBlas set up). Nothing new is ever loaded here.
struct Blas {
  SgemmFn sgemm = nullptr;
  int threads = 1;
};

Blas FindLoadedBlas() {
  static std::mutex mutex;
  static Blas found;
  std::lock_guard<std::mutex> lock(mutex);
  if (found.sgemm != nullptr) return found;
  const char* candidates[] = {getenv("LATENT_EXPLORER_BLAS"), "libopenblas.so.0", "libopenblas.so"};
  for (const char* name : candidates) {
    if (name == nullptr || *name == '\0') continue;
    void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (handle == nullptr) continue;
    auto fn = reinterpret_cast<SgemmFn>(dlsym(handle, "cblas_sgemm"));
    if (dlsym(handle, "openblas_get_config") == nullptr || fn == nullptr) continue;
    auto get_threads = reinterpret_cast<ThreadsFn>(dlsym(handle, "openblas_get_num_threads"));
    found.sgemm = fn;
    found.threads = std::max(1, get_threads ? get_threads() : 1);
    break;
  }
  return found;
}

// Shape of one convolution: input [n, h, w, c], filter [kh, kw, c, o], output [n, oh, ow, o]; output pixel (oh, ow)
// reads input rows oh·sh − pad_top + i, i < kh (columns likewise); reads outside the input are zeros (padding).
struct Geometry {
  int64_t n, h, w, c, oh, ow, o, kh, kw, sh, sw, pad_top, pad_left;
  int64_t K() const { return kh * kw * c; }
  int64_t PixelsOut() const { return oh * ow; }
  size_t InputSize() const { return static_cast<size_t>(n * h * w * c); }
  size_t FilterSize() const { return static_cast<size_t>(K() * o); }
  size_t OutputSize() const { return static_cast<size_t>(n * oh * ow * o); }
};

constexpr int kGeometryLength = 13;
// keeps every product (and BLAS's int dimensions) far from overflow
constexpr int64_t kMaxDim = 1 << 20;
constexpr int64_t kMaxElements = int64_t{1} << 31;

bool ReadGeometry(napi_env env, napi_value value, Geometry* g) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return false;
  napi_typedarray_type type;
  size_t length = 0;
  void* raw = nullptr;
  if (napi_get_typedarray_info(env, value, &type, &length, &raw, nullptr, nullptr) != napi_ok) return false;
  if (type != napi_int32_array || length != kGeometryLength) return false;
  const int32_t* v = static_cast<const int32_t*>(raw);
  *g = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]};
  const int64_t positive[] = {g->n, g->h, g->w, g->c, g->oh, g->ow, g->o, g->kh, g->kw, g->sh, g->sw};
  for (int64_t d : positive) {
    if (d <= 0 || d > kMaxDim) return false;
  }
  if (g->pad_top < 0 || g->pad_left < 0 || g->pad_top >= kMaxDim || g->pad_left >= kMaxDim) return false;
  const int64_t sizes[] = {g->n * g->h * g->w * g->c, g->K() * g->o, g->n * g->oh * g->ow * g->o, g->oh * g->ow * g->K()};
  for (int64_t s : sizes) {
    if (s >= kMaxElements) return false;
  }
  return true;
}

bool Overlaps(const float* a, size_t la, const float* b, size_t lb) { return a < b + lb && b < a + la; }

// Runs fn(begin, end) over [0, count) on up to `threads` threads (the caller's included), in contiguous blocks.
// Blocks of less than ~64k floats stay on the calling thread: starting a thread costs more than copying them.
template <typename Fn>
void ParallelFor(int64_t count, int threads, int64_t floats, Fn fn) {
  const int64_t parts = floats < (1 << 16) ? 1 : std::min<int64_t>(threads, count);
  if (parts <= 1) {
    fn(int64_t{0}, count);
    return;
  }
  std::vector<std::thread> pool;
  const int64_t step = (count + parts - 1) / parts;
  for (int64_t p = 1; p < parts; p++) {
    const int64_t begin = std::min(count, p * step), end = std::min(count, (p + 1) * step);
    if (begin < end) pool.emplace_back([&fn, begin, end] { fn(begin, end); });
  }
  fn(int64_t{0}, std::min(count, step));
  for (auto& t : pool) t.join();
}

// The valid filter taps along one axis for output position `out`: i in [*first, *last) reads input in range.
inline void Taps(int64_t out, int64_t stride, int64_t pad, int64_t k, int64_t size, int64_t* first, int64_t* last) {
  const int64_t start = out * stride - pad;
  // clamped to [0, k]: a padding wider than the filter leaves no valid tap, not a negative count
  *first = std::clamp<int64_t>(-start, 0, k);
  *last = std::clamp<int64_t>(size - start, *first, k);
}

// cols[(image − n0)·OH·OW + pixel, K] = the patch under that output pixel, zeros where it hangs over the border.
void Im2Col(const Geometry& g, const float* x, int64_t n0, int64_t n1, float* cols, int threads) {
  const int64_t K = g.K(), kwc = g.kw * g.c;
  ParallelFor(n1 - n0, threads, (n1 - n0) * g.PixelsOut() * K, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; b++) {
      const float* image = x + (n0 + b) * g.h * g.w * g.c;
      float* row = cols + b * g.PixelsOut() * K;
      for (int64_t oy = 0; oy < g.oh; oy++) {
        int64_t i0, i1;
        Taps(oy, g.sh, g.pad_top, g.kh, g.h, &i0, &i1);
        for (int64_t ox = 0; ox < g.ow; ox++, row += K) {
          int64_t j0, j1;
          Taps(ox, g.sw, g.pad_left, g.kw, g.w, &j0, &j1);
          if (i0 > 0) std::memset(row, 0, sizeof(float) * i0 * kwc);
          for (int64_t i = i0; i < i1; i++) {
            float* dst = row + i * kwc;
            const int64_t iy = oy * g.sh - g.pad_top + i, ix = ox * g.sw - g.pad_left + j0;
            if (j0 > 0) std::memset(dst, 0, sizeof(float) * j0 * g.c);
            // taps j0..j1 read consecutive input columns: one contiguous run of (j1 − j0)·C floats
            std::memcpy(dst + j0 * g.c, image + (iy * g.w + ix) * g.c, sizeof(float) * (j1 - j0) * g.c);
            if (j1 < g.kw) std::memset(dst + j1 * g.c, 0, sizeof(float) * (g.kw - j1) * g.c);
          }
          if (i1 < g.kh) std::memset(row + i1 * kwc, 0, sizeof(float) * (g.kh - i1) * kwc);
        }
      }
    }
  });
}

// The adjoint of Im2Col: every patch value is added back to the input pixel it came from (images n0..n1 of dx,
// which the caller zeroed). Images are disjoint, so threads split by image need no locks.
void Col2Im(const Geometry& g, const float* cols, int64_t n0, int64_t n1, float* dx, int threads) {
  const int64_t K = g.K(), kwc = g.kw * g.c;
  ParallelFor(n1 - n0, threads, (n1 - n0) * g.PixelsOut() * K, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; b++) {
      float* image = dx + (n0 + b) * g.h * g.w * g.c;
      const float* row = cols + b * g.PixelsOut() * K;
      for (int64_t oy = 0; oy < g.oh; oy++) {
        int64_t i0, i1;
        Taps(oy, g.sh, g.pad_top, g.kh, g.h, &i0, &i1);
        for (int64_t ox = 0; ox < g.ow; ox++, row += K) {
          int64_t j0, j1;
          Taps(ox, g.sw, g.pad_left, g.kw, g.w, &j0, &j1);
          for (int64_t i = i0; i < i1; i++) {
            const int64_t iy = oy * g.sh - g.pad_top + i, ix = ox * g.sw - g.pad_left + j0;
            const float* src = row + i * kwc + j0 * g.c;
            float* dst = image + (iy * g.w + ix) * g.c;
            const int64_t run = (j1 - j0) * g.c;
            for (int64_t e = 0; e < run; e++) dst[e] += src[e];
          }
        }
      }
    }
  });
}

// A 1×1 filter at stride 1 without padding reads the input as it is: cols would be a copy of x.
bool IsPointwise(const Geometry& g) {
  return g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.pad_top == 0 && g.pad_left == 0 && g.oh == g.h && g.ow == g.w;
}

// Images per im2col block: the scratch matrix stays under ~1M floats (4 MB, about the L3 share of a core) however
// large the batch; one thread, batch 128, 32→64 channels 14→7: 4 MB blocks 6.6 ms, 16 MB 10.0 ms, 1 MB 6.7 ms.
constexpr int64_t kScratchFloats = int64_t{1} << 20;
int64_t ImagesPerBlock(const Geometry& g) { return std::clamp<int64_t>(kScratchFloats / (g.PixelsOut() * g.K()), 1, g.n); }

// One scratch matrix per calling thread, kept between calls (training calls the same shapes every step) up to the
// block budget; a single image larger than that gets `large`, freed when the call returns, so RSS does not keep it.
float* Scratch(size_t size, std::vector<float>* large) {
  thread_local std::vector<float> scratch;
  std::vector<float>& use = size <= static_cast<size_t>(kScratchFloats) ? scratch : *large;
  if (use.size() < size) use.resize(size);
  return use.data();
}

enum class Op { kForward, kInput, kFilter };

// Checks the arguments of (a, b, out, geometry) and runs `op`. a, b, out are, per op:
//   kForward: x, filter, y      kInput: dy, filter, dx      kFilter: x, dy, dw
napi_value Run(napi_env env, napi_callback_info info, Op op, const char* name) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  std::string prefix = std::string(name) + ": ";
  if (argc != 4) return ThrowError(env, (prefix + "takes 4 arguments (a, b, out, geometry)").c_str());
  float *a, *b, *out;
  size_t la, lb, lout;
  if (!GetFloat32Array(env, argv[0], &a, &la) || !GetFloat32Array(env, argv[1], &b, &lb) || !GetFloat32Array(env, argv[2], &out, &lout)) {
    return ThrowError(env, (prefix + "the first three arguments must be Float32Arrays").c_str());
  }
  Geometry g;
  if (!ReadGeometry(env, argv[3], &g)) {
    return ThrowError(env, (prefix + "geometry must be an Int32Array [n, h, w, c, oh, ow, o, kh, kw, sh, sw, padTop, padLeft] of positive sizes").c_str());
  }
  // the arrays are views of the wasm heap: a wrong length would read or write another tensor
  const size_t want[3][3] = {{g.InputSize(), g.FilterSize(), g.OutputSize()},
                             {g.OutputSize(), g.FilterSize(), g.InputSize()},
                             {g.InputSize(), g.OutputSize(), g.FilterSize()}};
  const size_t* w = want[static_cast<int>(op)];
  if (la != w[0] || lb != w[1] || lout != w[2]) return ThrowError(env, (prefix + "array lengths do not match the geometry").c_str());
  if (Overlaps(out, lout, a, la) || Overlaps(out, lout, b, lb)) return ThrowError(env, (prefix + "the output overlaps an input").c_str());
  const Blas blas = FindLoadedBlas();
  if (blas.sgemm == nullptr) return ThrowError(env, (prefix + "no OpenBLAS loaded (call loadBlas first)").c_str());

  const int K = static_cast<int>(g.K()), O = static_cast<int>(g.o);
  const int64_t pixels = g.PixelsOut(), block = ImagesPerBlock(g);
  const bool pointwise = IsPointwise(g);
  std::vector<float> large;
  float* cols = pointwise ? nullptr : Scratch(static_cast<size_t>(block * pixels * K), &large);
  if (op == Op::kInput) std::memset(out, 0, sizeof(float) * lout);
  for (int64_t n0 = 0; n0 < g.n; n0 += block) {
    const int64_t n1 = std::min(g.n, n0 + block);
    const int rows = static_cast<int>((n1 - n0) * pixels);
    switch (op) {
      case Op::kForward: {
        const float* patches = pointwise ? a + n0 * pixels * K : (Im2Col(g, a, n0, n1, cols, blas.threads), cols);
        blas.sgemm(kRowMajor, kNoTrans, kNoTrans, rows, O, K, 1.0f, patches, K, b, O, 0.0f, out + n0 * pixels * O, O);
        break;
      }
      case Op::kInput: {
        const float* dy = a + n0 * pixels * O;
        if (pointwise) {
          blas.sgemm(kRowMajor, kNoTrans, kTrans, rows, K, O, 1.0f, dy, O, b, O, 0.0f, out + n0 * pixels * K, K);
        } else {
          blas.sgemm(kRowMajor, kNoTrans, kTrans, rows, K, O, 1.0f, dy, O, b, O, 0.0f, cols, K);
          Col2Im(g, cols, n0, n1, out, blas.threads);
        }
        break;
      }
      case Op::kFilter: {
        const float* patches = pointwise ? a + n0 * pixels * K : (Im2Col(g, a, n0, n1, cols, blas.threads), cols);
        // blocks after the first add to dw (beta = 1): dw sums over every output pixel of the batch
        blas.sgemm(kRowMajor, kTrans, kNoTrans, K, O, rows, 1.0f, patches, K, b + n0 * pixels * O, O, n0 == 0 ? 0.0f : 1.0f, out, O);
        break;
      }
    }
  }
  return nullptr;
}

napi_value Conv2d(napi_env env, napi_callback_info info) { return Run(env, info, Op::kForward, "conv2d"); }
napi_value Conv2dBackpropInput(napi_env env, napi_callback_info info) { return Run(env, info, Op::kInput, "conv2dBackpropInput"); }
napi_value Conv2dBackpropFilter(napi_env env, napi_callback_info info) { return Run(env, info, Op::kFilter, "conv2dBackpropFilter"); }

}  // namespace

void RegisterConv(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "conv2d", NAPI_AUTO_LENGTH, Conv2d, nullptr, &fn);
  napi_set_named_property(env, exports, "conv2d", fn);
  napi_create_function(env, "conv2dBackpropInput", NAPI_AUTO_LENGTH, Conv2dBackpropInput, nullptr, &fn);
  napi_set_named_property(env, exports, "conv2dBackpropInput", fn);
  napi_create_function(env, "conv2dBackpropFilter", NAPI_AUTO_LENGTH, Conv2dBackpropFilter, nullptr, &fn);
  napi_set_named_property(env, exports, "conv2dBackpropFilter", fn);
}
