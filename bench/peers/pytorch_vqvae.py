"""PyTorch twin of Latent Explorer's VQ-VAE (`--model vqvae`, src/engine/models/vqvae/) on Fashion-MNIST 28x28x1.

The same network (src/shared/networks/vq.ts): encoder Conv(1->32, k4, s2, p1) ReLU -> Conv(32->64, k4, s2, p1) ReLU
-> Conv(64->D, k1) = z_e, a 7x7 grid of D-dim vectors; each replaced by its nearest of K codes (straight-through
estimator z_e + sg[z_q - z_e]); decoder Conv(D->64, k1) ReLU -> ConvTranspose(64->32, k4, s2, p1) ReLU ->
ConvTranspose(32->1, k4, s2, p1) -> Bernoulli logits. Loss per image: BCE summed over pixels + ||sg[z_e] - e||^2
+ beta ||z_e - sg[e]||^2 summed over cells and dimensions (van den Oord et al. 2017), mean over the batch; Adam
lr 1e-3. Codebook: --init data (k-means++ over the first batch's z_e, as ours) or uniform (+-1/K, the textbook),
dead codes (no assignment over the last ceil(2K / vectors per step) steps) restarted onto random z_e of the batch
unless --no-restart, exactly the rules of codebookState.ts. Prints one JSON line: reconstruction (BCE nats per test
image), codebook perplexity and codes used on the test images, training samples/s per epoch.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from pytorch_vae import blas_facts, read_idx_images


class VQVAE(nn.Module):
    def __init__(self, k=64, d=16):
        super().__init__()
        self.k, self.d = k, d
        self.enc = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(), nn.Conv2d(64, d, 1))
        self.codebook = nn.Parameter(torch.zeros(k, d))
        self.dec = nn.Sequential(nn.Conv2d(d, 64, 1), nn.ReLU(), nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 4, 2, 1))

    def rows(self, x):
        """z_e as rows [B*cells, D], cell by cell (NHWC order, like ours)."""
        return self.enc(x).permute(0, 2, 3, 1).reshape(-1, self.d)

    def codes(self, ze):
        dist = (self.codebook.detach() ** 2).sum(1) - 2 * ze.detach() @ self.codebook.detach().t()
        return dist.argmin(1)

    def loss(self, x, beta):
        b = x.shape[0]
        ze = self.rows(x)
        codes = self.codes(ze)
        zq = self.codebook[codes]
        st = ze + (zq - ze).detach()
        logits = self.dec(st.reshape(b, 7, 7, self.d).permute(0, 3, 1, 2))
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
        cb = ((ze.detach() - zq) ** 2).reshape(b, -1).sum(1)
        commit = ((ze - zq.detach()) ** 2).reshape(b, -1).sum(1)
        return recon, cb, commit, codes, ze.detach()


def kmeans_pp(rows, k, gen):
    n = rows.shape[0]
    out = torch.empty(k, rows.shape[1])
    nearest = torch.full((n,), float("inf"))
    pick = int(torch.randint(n, (1,), generator=gen))
    for c in range(k):
        out[c] = rows[pick]
        nearest = torch.minimum(nearest, ((rows - out[c]) ** 2).sum(1))
        total = float(nearest.sum())
        pick = int(torch.multinomial(nearest / total, 1, generator=gen)) if total > 0 else int(torch.randint(n, (1,), generator=gen))
    return out


def usage(counts):
    total = counts.sum()
    p = counts[counts > 0] / total
    return float(torch.exp(-(p * p.log()).sum())), int((counts > 0).sum())


def images(path, limit=None):
    return torch.from_numpy(read_idx_images(path, limit).astype(np.float32) / 255).reshape(-1, 1, 28, 28)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--limit", type=int, default=5000)
    p.add_argument("--test-limit", type=int, default=1000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--codebook", type=int, default=64)
    p.add_argument("--code-dim", type=int, default=16)
    p.add_argument("--commitment", type=float, default=0.25)
    p.add_argument("--init", choices=["data", "uniform"], default="data")
    p.add_argument("--no-restart", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    train = images(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit)
    test = images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"), a.test_limit)
    model = VQVAE(a.codebook, a.code_dim)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    n, k = train.shape[0], a.codebook
    sps, per_epoch = [], []
    step = 0
    window = torch.zeros(k)
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=gen)
        counts = torch.zeros(k)
        start = time.perf_counter()
        for i in range(0, n, a.batch):
            x = train[perm[i : i + a.batch]]
            if step == 0:
                with torch.no_grad():
                    init = kmeans_pp(model.rows(x), k, gen) if a.init == "data" else torch.empty(k, a.code_dim).uniform_(-1 / k, 1 / k, generator=gen)
                    model.codebook.copy_(init)
            recon, cb, commit, codes, ze = model.loss(x, a.commitment)
            loss = (recon + cb + a.commitment * commit).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            c = torch.bincount(codes, minlength=k).float()
            counts += c
            window += c
            every = max(1, math.ceil(2 * k / codes.shape[0]))
            if not a.no_restart and step % every == 0:
                dead = (window == 0).nonzero().flatten()
                with torch.no_grad():
                    for j in dead.tolist():
                        model.codebook[j] = ze[int(torch.randint(ze.shape[0], (1,), generator=gen))]
                window.zero_()
        sps.append(n / (time.perf_counter() - start))
        per_epoch.append(usage(counts))
    model.eval()
    recon_sum, counts = 0.0, torch.zeros(k)
    with torch.no_grad():
        for i in range(0, test.shape[0], 500):
            recon, _, _, codes, _ = model.loss(test[i : i + 500], a.commitment)
            recon_sum += float(recon.sum())
            counts += torch.bincount(codes, minlength=k).float()
    perplexity, used = usage(counts)
    print(json.dumps({
        "engine": "pytorch",
        "torch": torch.__version__,
        "threads": a.threads,
        **blas_facts(),
        "init": a.init,
        "restart": not a.no_restart,
        "n_train": n,
        "n_test": test.shape[0],
        "samples_per_s": sps,
        "train_usage_per_epoch": per_epoch,
        "test_recon": recon_sum / test.shape[0],
        "test_bound": recon_sum / test.shape[0] + 49 * math.log(k),
        "codebook_perplexity": perplexity,
        "codebook_used": used,
    }))


if __name__ == "__main__":
    main()
