"""PyTorch twin of Latent Explorer's PixelCNN-decoder VAE (`--decoder pixelcnn`, src/engine/models/pixelcnn/).

The same network: MLP encoder Linear(784->256) ReLU -> Linear(256->32) for mu and for log sigma^2 (nn.Linear's
default init, as ours: U(+-1/sqrt(fan_in)) for kernels and biases); the PixelCNN decoder of
src/shared/networks/pixelcnn.ts, 7x7 mask A 1->32 ReLU, five residual 3x3 mask B 32->32 (h + ReLU(conv(h) + b + V_l z)),
1x1 out 32->1 giving Bernoulli logits; z enters every hidden layer as the per-channel bias V_l z before the ReLU.
Init as PixelCnnVae.create: masked kernels U(+-sqrt(6 / unmasked fan-in)), the 1x1 output kernel 0, biases 0, V_l
U(+-1/sqrt(latent)). Loss (src/engine/elbo.ts betaLoss): mean over the batch of recon + beta * sum_d KL_d, or with free
bits lambda > 0, mean(recon) + beta * sum_d max(lambda, batch mean of KL_d); recon is the teacher-forced
-sum_i log Bern(x_i; sigmoid(l_i(x_<i, z))), KL analytic to N(0, I). Optional linear KL warm-up per step over
--warmup epochs (src/engine/schedule.ts warmupBeta). Adam (0.9, 0.999, 1e-8). Data: IDX files, the first --limit
training and --test-limit test images, binarised (pixel >= 128 -> 1) as the bench and the planted test do.

Prints one JSON line: training samples/s per epoch; on the test images -ELBO, recon and KL (one z sample per image),
KL per dimension, active units (Burda: population Var_x mu_i > 0.01), the collapse verdict by src/shared/collapse.ts's
rule; the IWAE bound L_k on the first --bound-n test images; each phase's wall seconds. One thread.
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

CHANNELS, HIDDEN_B = 32, 5


def causal_mask(k, kind):
    """1 where tap (dy, dx) is kept: dy < centre, or dy = centre and dx < centre (A) / <= centre (B); maskedConv.ts."""
    c = (k - 1) // 2
    m = torch.zeros(k, k)
    m[:c, :] = 1
    m[c, : c + (1 if kind == "B" else 0)] = 1
    return m


class MaskedConv(nn.Module):
    def __init__(self, cin, cout, k, kind, latent, cond):
        super().__init__()
        self.register_buffer("mask", causal_mask(k, kind).expand(cout, cin, k, k).clone())
        fan_in = int(causal_mask(k, kind).sum()) * cin
        self.weight = nn.Parameter(torch.empty(cout, cin, k, k))
        self.bias = nn.Parameter(torch.zeros(cout))
        if cond:
            bound = math.sqrt(6 / fan_in)
            nn.init.uniform_(self.weight, -bound, bound)
            self.cond = nn.Linear(latent, cout, bias=False)
            nn.init.uniform_(self.cond.weight, -1 / math.sqrt(latent), 1 / math.sqrt(latent))
        else:
            nn.init.zeros_(self.weight)
            self.cond = None
        self.pad = (k - 1) // 2

    def forward(self, h, z):
        a = F.conv2d(h, self.weight * self.mask, self.bias, padding=self.pad)
        if self.cond is None:
            return a
        return F.relu(a + self.cond(z)[:, :, None, None])


class PixelCnnVae(nn.Module):
    def __init__(self, d=784, hidden=256, latent=32):
        super().__init__()
        self.enc = nn.Linear(d, hidden)
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)
        self.first = MaskedConv(1, CHANNELS, 7, "A", latent, True)
        self.res = nn.ModuleList(MaskedConv(CHANNELS, CHANNELS, 3, "B", latent, True) for _ in range(HIDDEN_B))
        self.out = MaskedConv(CHANNELS, 1, 1, "B", latent, False)

    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.mu(h), self.logvar(h)

    def log_lik(self, x, z):
        """log p(x|z) = sum_i log Bern(x_i; sigmoid(l_i)), teacher-forced, per image."""
        h = self.first(x.view(-1, 1, 28, 28), z)
        for layer in self.res:
            h = h + layer(h, z)
        logits = self.out(h, z).flatten(1)
        return -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)


def kl_per_dim(mu, logvar):
    """KL(N(mu, sigma^2) || N(0, 1)) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2), per image and dimension."""
    return 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)


def loss_of(model, x, beta, free_bits):
    """betaLoss of src/engine/elbo.ts with one reparameterised z per image."""
    mu, logvar = model.encode(x)
    z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
    recon = -model.log_lik(x, z)
    kl = kl_per_dim(mu, logvar)
    if free_bits <= 0:
        return (recon + beta * kl.sum(1)).mean()
    return recon.mean() + beta * torch.clamp(kl.mean(0), min=free_bits).sum()


@torch.no_grad()
def evaluate(model, x, batch=500):
    recon, kls, mus = [], [], []
    for i in range(0, x.shape[0], batch):
        xb = x[i : i + batch]
        mu, logvar = model.encode(xb)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon.append(-model.log_lik(xb, z))
        kls.append(kl_per_dim(mu, logvar))
        mus.append(mu)
    recon, kl, mu = torch.cat(recon), torch.cat(kls), torch.cat(mus)
    per_dim = kl.mean(0)
    # shared/collapse.ts: a dimension under 0.01 nats has collapsed; full when none is used or all carry < 1 nat
    used = int((per_dim >= 0.01).sum())
    total = float(per_dim.clamp(min=0).sum())
    verdict = "full" if used == 0 or total < 1 else ("partial" if used < per_dim.numel() else "none")
    return {
        "neg_elbo": float((recon + kl.sum(1)).mean()), "recon": float(recon.mean()), "kl": float(kl.sum(1).mean()),
        "kl_per_dim": per_dim.tolist(), "active_units": int((mu.var(0, unbiased=False) > 0.01).sum()),
        "used_dims": used, "verdict": verdict, "total_kl": total,
    }


@torch.no_grad()
def iwae_bound(model, x, k, chunk=100):
    """L_k = mean over images of log (1/k) sum_i p(x|z_i) p(z_i) / q(z_i|x), z_i ~ q(z|x) (Burda et al. 2016)."""
    log2pi = math.log(2 * math.pi)
    total = 0.0
    for xi in x:
        mu, logvar = model.encode(xi[None])
        ws = []
        for s in range(0, k, chunk):
            m = min(chunk, k - s)
            eps = torch.randn(m, mu.shape[1])
            z = mu + torch.exp(0.5 * logvar) * eps
            log_q = -0.5 * (log2pi + logvar + eps.pow(2)).sum(1)
            log_p = -0.5 * (log2pi + z.pow(2)).sum(1)
            ws.append(model.log_lik(xi[None].expand(m, -1), z) + log_p - log_q)
        w = torch.cat(ws)
        total += float(torch.logsumexp(w, 0) - math.log(k))
    return total / x.shape[0]


def named_modules(model):
    """Our weight names (src/shared/architecture.ts, networks/pixelcnn.ts) for the twin's modules."""
    yield "encoder/dense0", model.enc
    yield "encoder/mu", model.mu
    yield "encoder/logvar", model.logvar
    yield "decoder/pixelcnn0", model.first
    for i, layer in enumerate(model.res):
        yield f"decoder/pixelcnn{i + 1}", layer
    yield "decoder/out", model.out


def weight_tensors(model):
    """name -> (our layout of the twin's tensor, the tensor): dense [in, out], conv [k, k, in, out], cond [latent, out]."""
    out = {}
    for name, m in named_modules(model):
        if isinstance(m, nn.Linear):
            out[f"{name}/kernel"] = (m.weight.t(), m.weight)
        else:
            out[f"{name}/kernel"] = (m.weight.permute(2, 3, 1, 0), m.weight)
            if m.cond is not None:
                out[f"{name}/cond"] = (m.cond.weight.t(), m.cond.weight)
        out[f"{name}/bias"] = (m.bias, m.bias)
    return out


@torch.no_grad()
def parity(folder):
    """The check of test/unit/engine/pixelcnnTorchTwin.test.ts. FOLDER holds our weights (<name with / as __>.f32,
    our layout), x.f32 [n, 784] binary images, z.f32 [n, 32] and our mu, logvar, loglik for them. Loads the weights
    into the twin, prints the max |difference| of each output, and, for a new twin (its own init), each weight's
    max |w| and share of zeros, to be held against the engine's init rules."""
    read = lambda name: torch.from_numpy(np.fromfile(os.path.join(folder, f"{name}.f32"), dtype=np.float32))
    model = PixelCnnVae()
    for name, (ours, theirs) in weight_tensors(model).items():
        v = read(name.replace("/", "__")).reshape(ours.shape)
        # our [in, out] / [k, k, in, out] back to torch's [out, in] / [out, in, k, k]
        theirs.copy_(v.t() if v.dim() == 2 else v.permute(3, 2, 0, 1) if v.dim() == 4 else v)
    x, z = read("x").reshape(-1, 784), read("z").reshape(-1, 32)
    mu, logvar = model.encode(x)
    diff = {
        "n": x.shape[0],
        "mu": float((mu - read("mu").reshape(mu.shape)).abs().max()),
        "logvar": float((logvar - read("logvar").reshape(logvar.shape)).abs().max()),
        "loglik": float((model.log_lik(x, z) - read("loglik")).abs().max()),
    }
    torch.manual_seed(7)
    fresh = PixelCnnVae()
    init = {name: {"max_abs": float(t.abs().max()), "zeros": float((t == 0).float().mean())} for name, (t, _) in weight_tensors(fresh).items()}
    print(json.dumps({**diff, "init": init}))


def binarised(path, limit):
    return torch.from_numpy((read_idx_images(path, limit) >= 128).astype(np.float32))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--limit", type=int, default=5000)
    p.add_argument("--test-limit", type=int, default=1000)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--beta", type=float, default=1.0)
    p.add_argument("--free-bits", type=float, default=0.0)
    p.add_argument("--warmup", type=float, default=0.0, help="linear KL warm-up over this many epochs (0: off)")
    p.add_argument("--k", type=int, default=1000)
    p.add_argument("--bound-n", type=int, default=100)
    p.add_argument("--samples", type=int, default=0, help="accepted for the bench's sake; the twin draws no samples")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--parity", metavar="FOLDER", help="only the network check of pixelcnnTorchTwin.test.ts")
    a = p.parse_args()
    torch.set_num_threads(1)
    if a.parity:
        return parity(a.parity)
    torch.manual_seed(a.seed)
    phases = {}
    train = binarised(os.path.join(a.data, "train-images-idx3-ubyte.gz"), a.limit)
    test = binarised(os.path.join(a.data, "t10k-images-idx3-ubyte.gz"), a.test_limit)
    model = PixelCnnVae()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    n = train.shape[0]
    steps_per_epoch = math.ceil(n / a.batch)
    shuffle = torch.Generator().manual_seed(a.seed)
    sps, step = [], 0
    t_train = time.perf_counter()
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=shuffle)
        start = time.perf_counter()
        for i in range(0, n, a.batch):
            # warmupBeta: beta * min(1, t / (warmup * stepsPerEpoch))
            beta = a.beta if a.warmup <= 0 else a.beta * min(1.0, step / (a.warmup * steps_per_epoch))
            loss = loss_of(model, train[perm[i : i + a.batch]], beta, a.free_bits)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        sps.append(n / (time.perf_counter() - start))
    phases["train"] = time.perf_counter() - t_train
    model.eval()
    t = time.perf_counter()
    ev = evaluate(model, test)
    phases["eval"] = time.perf_counter() - t
    t = time.perf_counter()
    bound = iwae_bound(model, test[: a.bound_n], a.k)
    phases[f"iwae k={a.k}"] = time.perf_counter() - t
    print(json.dumps({
        "engine": "pytorch", "torch": torch.__version__, "torch_threads": torch.get_num_threads(), **blas_facts(),
        "n_weights": sum(t.numel() for t in model.parameters()), "n_train": n, "n_test": test.shape[0],
        "samples_per_s": sps, **ev, "iwae_bound": bound, "iwae_k": a.k, "bound_n": min(a.bound_n, test.shape[0]),
        "sharpness": None, "phases": phases,
    }))


if __name__ == "__main__":
    main()
