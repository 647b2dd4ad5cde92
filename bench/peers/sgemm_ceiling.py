"""This machine's sgemm ceiling as numpy sees it: best GFLOP/s of a 1024 x 1024 float32 matmul (2 * 1024^3 FLOP).

The thread count comes from OPENBLAS_NUM_THREADS, set by the caller; the JSON says what numpy reports.
"""
import json
import time

import numpy as np

N = 1024
rng = np.random.default_rng(1)
a = rng.random((N, N), dtype=np.float32)
b = rng.random((N, N), dtype=np.float32)
a @ b  # warm-up: thread pool start and page faults are not part of the ceiling
best = 0.0
for _ in range(20):
    t = time.perf_counter()
    a @ b
    best = max(best, 2 * N**3 / (time.perf_counter() - t) / 1e9)
print(json.dumps({"sgemm_gflops": best, "numpy": np.__version__}))
