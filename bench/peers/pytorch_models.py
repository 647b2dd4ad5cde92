"""PyTorch peers for MODELS.md (bench/models.mjs): the MLP (784-400-20) or the reference conv VAE of the benchmark,
trained with the VAE objective (--k 1) or the IWAE objective (--k K, Burda et al. 2016), then evaluated on the test
images exactly as `latent-explorer eval` reports: -ELBO with its reconstruction and KL terms (one z per image),
active units (Var_x E[z|x] > 0.01, Burda et al.), and the IWAE bound with --eval-k samples on the first --eval-n test
images. Settings as the engine: batch 128, Adam lr 1e-3 (eps 1e-8), seeded shuffles. Prints one JSON line.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from pytorch_conv_vae import ConvVAE
from pytorch_vae import BATCH, VAE, read_idx_images


def encode(model, x):
    if isinstance(model, ConvVAE):
        h = model.enc(x)
        return model.mu(h), model.logvar(h)
    h = F.relu(model.fc1(x))
    return model.fc21(h), model.fc22(h)


def decode(model, z):
    if isinstance(model, ConvVAE):
        return model.dec(z)
    return model.fc4(F.relu(model.fc3(z)))


def log_weights(model, x, k):
    """log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x), z_j ~ q(z|x), j = 1..k: a [k, N] tensor."""
    mu, logvar = encode(model, x)
    std = torch.exp(0.5 * logvar)
    out = []
    for _ in range(k):
        eps = torch.randn_like(mu)
        z = mu + std * eps
        logits = decode(model, z)
        log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
        log_pz = -0.5 * (z.pow(2) + math.log(2 * math.pi)).sum(1)
        log_qz = -0.5 * (eps.pow(2) + logvar + math.log(2 * math.pi)).sum(1)
        out.append(log_px + log_pz - log_qz)
    return torch.stack(out)


def iwae_loss(model, x, k):
    """-L_k = -mean_x log (1/k) sum_j w_j; k = 1 is -ELBO with a Monte Carlo KL."""
    lw = log_weights(model, x, k)
    return -(torch.logsumexp(lw, 0) - math.log(k)).mean()


def vae_loss(model, x):
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return (recon + kl).mean()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--net", choices=["mlp", "conv"], default="mlp")
    p.add_argument("--k", type=int, default=1)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--eval-k", type=int, default=1000)
    p.add_argument("--eval-n", type=int, default=200)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    shuffle = torch.Generator().manual_seed(a.seed)
    shape = (-1, 1, 28, 28) if a.net == "conv" else (-1, 784)
    load = lambda name, limit=None: torch.from_numpy(read_idx_images(os.path.join(a.data, name), limit).astype(np.float32) / 255).reshape(shape)
    train, test = load("train-images-idx3-ubyte.gz", a.limit), load("t10k-images-idx3-ubyte.gz")
    model = ConvVAE() if a.net == "conv" else VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    n = train.shape[0]
    sps = []
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=shuffle)
        start = time.perf_counter()
        for i in range(0, n, BATCH):
            x = train[perm[i : i + BATCH]]
            loss = vae_loss(model, x) if a.k == 1 else iwae_loss(model, x, a.k)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sps.append(n / (time.perf_counter() - start))
    model.eval()
    recon = kl = 0.0
    mus = []
    with torch.no_grad():
        for i in range(0, test.shape[0], 500):
            x = test[i : i + 500]
            mu, logvar = encode(model, x)
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            recon += float(F.binary_cross_entropy_with_logits(decode(model, z), x, reduction="none").flatten(1).sum())
            kl += float((0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)).sum())
            mus.append(mu)
        mu_all = torch.cat(mus)
        active = int((mu_all.var(0) > 0.01).sum())
        bound = 0.0
        for i in range(0, a.eval_n, 10):
            lw = log_weights(model, test[i : min(a.eval_n, i + 10)], a.eval_k)
            bound += float((torch.logsumexp(lw, 0) - math.log(a.eval_k)).sum())
    m = test.shape[0]
    print(json.dumps({
        "engine": "pytorch", "torch": torch.__version__, "net": a.net, "k": a.k, "threads": a.threads,
        "n_weights": sum(t.numel() for t in model.parameters()), "n_train": n, "samples_per_s": sps,
        "test_neg_elbo": (recon + kl) / m, "recon": recon / m, "kl": kl / m, "active_units": active,
        "iwae_bound": bound / a.eval_n, "eval_k": a.eval_k, "eval_n": a.eval_n, "n_test": m,
    }))


if __name__ == "__main__":
    main()
