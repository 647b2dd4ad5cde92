"""PyTorch peer for `npm run bench`: the pytorch/examples MLP VAE (784-400-20, Bernoulli) on Fashion-MNIST.

Same settings as our engine: batch 128, Adam lr 1e-3 (eps 1e-8), loss = mean over the batch of
(BCE-with-logits summed over pixels + analytic KL), shuffled batches, default nn.Linear initialisation.
Prints one JSON line: per-epoch samples/s and the test -ELBO (one z sample per image).
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def read_idx_images(path, limit=None):
    with gzip.open(path, "rb") as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, path
        data = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, h * w)
    return data[:limit] if limit else data


class VAE(nn.Module):
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
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def neg_elbo_terms(model, x):
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return recon, kl


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
    train = torch.from_numpy(read_idx_images(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit).astype(np.float32) / 255)
    test = torch.from_numpy(read_idx_images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    n = train.shape[0]
    sps = []
    for _ in range(a.epochs):
        perm = torch.randperm(n)
        start = time.perf_counter()
        for i in range(0, n, 128):
            x = train[perm[i : i + 128]]
            recon, kl = neg_elbo_terms(model, x)
            loss = (recon + kl).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        sps.append(n / (time.perf_counter() - start))
    model.eval()
    total = 0.0
    with torch.no_grad():
        for i in range(0, test.shape[0], 1000):
            recon, kl = neg_elbo_terms(model, test[i : i + 1000])
            total += float((recon + kl).sum())
    # Debian's torch calls the system libblas.so.3; which implementation that is shows in the loaded libraries.
    with open("/proc/self/maps") as maps:
        blas = "openblas" if "openblas" in maps.read() else "reference or other"
    print(json.dumps({"engine": "pytorch", "torch": torch.__version__, "threads": a.threads, "blas": blas,
                      "samples_per_s": sps, "test_neg_elbo": total / test.shape[0], "n_train": n}))


if __name__ == "__main__":
    main()
