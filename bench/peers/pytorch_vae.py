"""PyTorch peer for `npm run bench`: the pytorch/examples MLP VAE (784-400-20, Bernoulli) on Fashion-MNIST.

Same settings as our engine: batch 128, Adam lr 1e-3 (eps 1e-8), loss = mean over the batch of
(BCE-with-logits summed over pixels + analytic KL), batches shuffled from a seeded generator, default
nn.Linear initialisation. Prints one JSON line: per-epoch samples/s, the test -ELBO (one z sample per image,
under torch.no_grad) and what the process really ran on (torch threads, OpenBLAS threads, BLAS library).
"""
import argparse
import ctypes
import gzip
import json
import os
import re
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

BATCH = 128


def read_idx_images(path, limit=None):
    """IDX3 file: big-endian magic 0x00000803, count, rows, cols, then count*rows*cols uint8 pixels."""
    with gzip.open(path, "rb") as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        if magic != 0x803:
            raise SystemExit(f"{path}: not an IDX3 image file (magic {magic:#x})")
        data = np.frombuffer(f.read(n * h * w), dtype=np.uint8).reshape(n, h * w)
    return data[:limit] if limit else data


class VAE(nn.Module):
    """pytorch/examples vae/main.py, with logits out of fc4 so the loss can use BCE-with-logits."""

    def __init__(self, d=784, h=400, z=20):
        super().__init__()
        self.fc1 = nn.Linear(d, h)
        self.fc21 = nn.Linear(h, z)
        self.fc22 = nn.Linear(h, z)
        self.fc3 = nn.Linear(z, h)
        self.fc4 = nn.Linear(h, d)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        # reparameterisation: z = mu + sigma * eps, eps ~ N(0, I)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def neg_elbo_per_image(model, x):
    """-ELBO = BCE(x, logits) summed over pixels + KL(N(mu, sigma^2) || N(0, 1)) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2)."""
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return recon + kl


def blas_facts():
    """What torch was built against (torch.__config__.show()) and which BLAS library this process really loaded."""
    config = torch.__config__.show()
    m = re.search(r"BLAS_INFO=([^,\s]+)", config)
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if re.search(r"lib(open)?blas", line)})
    openblas_threads = None
    for lib in libs:
        if "openblas" in lib:
            try:
                openblas_threads = ctypes.CDLL(lib).openblas_get_num_threads()
            except (OSError, AttributeError):
                pass
            break
    return {"blas_info": m.group(1) if m else "unknown", "blas_libs": libs, "openblas_threads": openblas_threads}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    shuffle = torch.Generator().manual_seed(a.seed)
    train = torch.from_numpy(read_idx_images(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit).astype(np.float32) / 255)
    test = torch.from_numpy(read_idx_images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    n = train.shape[0]
    sps = []
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=shuffle)
        start = time.perf_counter()
        for i in range(0, n, BATCH):
            loss = neg_elbo_per_image(model, train[perm[i : i + BATCH]]).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        sps.append(n / (time.perf_counter() - start))
    model.eval()
    total = 0.0
    with torch.no_grad():
        for i in range(0, test.shape[0], 1000):
            total += float(neg_elbo_per_image(model, test[i : i + 1000]).sum())
    print(json.dumps({
        "engine": "pytorch",
        "torch": torch.__version__,
        "threads": a.threads,
        "torch_threads": torch.get_num_threads(),
        **blas_facts(),
        "n_weights": sum(t.numel() for t in model.parameters()),
        "n_train": n,
        "samples_per_s": sps,
        "test_neg_elbo": total / test.shape[0],
        "n_test": test.shape[0],
    }))


if __name__ == "__main__":
    main()
