"""The CVAE check of MODELS.md (bench/models.mjs): a small classifier trained on the real Fashion-MNIST training images
(MLP 784-256-10, ReLU, 3 epochs, Adam 1e-3, batch 128), its accuracy on the test images, then the share of a
conditional model's samples for each label that it classifies as that label. Samples come from
`latent-explorer sample MODEL --label NAME --out FILE.npy` (float32, N x 1 x 28 x 28, the likelihood's mean), given
as --samples LABEL=FILE ... where LABEL is the class index. Prints one JSON line.
"""
import argparse
import gzip
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from pytorch_vae import read_idx_images


def read_idx_labels(path):
    """IDX1 file: big-endian magic 0x00000801, count, then count uint8 labels."""
    with gzip.open(path, "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        if magic != 0x801:
            raise SystemExit(f"{path}: not an IDX1 label file (magic {magic:#x})")
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(np.int64)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--samples", nargs="+", required=True)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    x = torch.from_numpy(read_idx_images(os.path.join(a.data, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx_labels(os.path.join(a.data, "train-labels-idx1-ubyte.gz")))
    xt = torch.from_numpy(read_idx_images(os.path.join(a.data, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255)
    yt = torch.from_numpy(read_idx_labels(os.path.join(a.data, "t10k-labels-idx1-ubyte.gz")))
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(a.seed)
    for _ in range(3):
        perm = torch.randperm(x.shape[0], generator=g)
        for i in range(0, x.shape[0], 128):
            idx = perm[i : i + 128]
            loss = F.cross_entropy(net(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    with torch.no_grad():
        test_acc = float((net(xt).argmax(1) == yt).float().mean())
        per_label = {}
        for spec in a.samples:
            label, path = spec.split("=", 1)
            s = torch.from_numpy(np.load(path).astype(np.float32)).reshape(-1, 784)
            per_label[label] = float((net(s).argmax(1) == int(label)).float().mean())
    print(json.dumps({"classifier": "MLP 784-256-10, 3 epochs", "test_accuracy": test_acc, "per_label": per_label}))


if __name__ == "__main__":
    main()
