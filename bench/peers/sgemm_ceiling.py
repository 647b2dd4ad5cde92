"""This machine's sgemm ceiling as numpy (OpenBLAS) sees it: GFLOP/s of a 1024² float32 matmul."""
import json
import time

import numpy as np

a = np.random.rand(1024, 1024).astype(np.float32)
b = np.random.rand(1024, 1024).astype(np.float32)
a @ b
best = 0.0
for _ in range(20):
    t = time.perf_counter()
    a @ b
    best = max(best, 2 * 1024**3 / (time.perf_counter() - t) / 1e9)
print(json.dumps({"sgemm_gflops": best}))
