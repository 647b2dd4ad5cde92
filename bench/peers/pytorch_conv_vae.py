"""PyTorch peer for the conv row of `npm run bench`: the reference conv VAE of issue 10 on Fashion-MNIST (28x28x1).

The same network Latent Explorer builds for `--net conv` (src/shared/networks/conv.ts): encoder
Conv(1->32, k4, s2, p1) ReLU -> Conv(32->64, k4, s2, p1) ReLU -> flatten (64*7*7) -> Linear 256 ReLU -> mu, logvar
(Linear 20 each); decoder Linear 20->256 ReLU -> Linear 256->64*7*7 ReLU -> reshape -> ConvTranspose(64->32, k4, s2,
p1) ReLU -> ConvTranspose(32->1, k4, s2, p1) -> Bernoulli logits. PyTorch's default initialisation (ours copies it),
batch 128, Adam lr 1e-3 (eps 1e-8), loss = mean over the batch of (BCE-with-logits summed over pixels + analytic
KL), batches shuffled from a seeded generator. The data loader and the BLAS facts are the MLP peer's
(pytorch_vae.py). Our layers are NHWC and flatten in H, W, C order; PyTorch's NCHW flatten orders the 3136 features
differently, which permutes the dense layer's rows and changes nothing else. Prints one JSON line like the MLP peer.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from pytorch_vae import BATCH, blas_facts, read_idx_images


class ConvVAE(nn.Module):
    def __init__(self, z=20, c=1):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(c, 32, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 256), nn.ReLU(),
        )
        self.mu = nn.Linear(256, z)
        self.logvar = nn.Linear(256, z)
        self.dec = nn.Sequential(
            nn.Linear(z, 256), nn.ReLU(),
            nn.Linear(256, 64 * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (64, 7, 7)),
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(32, c, 4, 2, 1),
        )

    def forward(self, x):
        h = self.enc(x)
        mu, logvar = self.mu(h), self.logvar(h)
        # reparameterisation: z = mu + sigma * eps, eps ~ N(0, I)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.dec(z), mu, logvar


def neg_elbo_per_image(model, x):
    """-ELBO = BCE(x, logits) summed over pixels + KL(N(mu, sigma^2) || N(0, 1)) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2)."""
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return recon + kl


def images(path, limit=None):
    """IDX images as N x 1 x 28 x 28 floats in [0, 1]."""
    return torch.from_numpy(read_idx_images(path, limit).astype(np.float32) / 255).reshape(-1, 1, 28, 28)


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
    train = images(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit)
    test = images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"))
    model = ConvVAE()
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
        "net": "conv",
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
