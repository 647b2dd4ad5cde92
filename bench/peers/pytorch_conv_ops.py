"""PyTorch peer of bench/convOps.mjs: the per-op times of the 28x28 reference conv VAE's four conv layers.

For each layer: the forward pass, the input gradient (dX) and the weight gradient (dW), each alone, through
aten::convolution_backward with one output mask at a time -- the call autograd itself makes -- so the three
figures compare one to one with the tfjs kernels Conv2D / Conv2DBackpropInput / Conv2DBackpropFilter. Best of
--runs after --warmup, per thread count (torch.set_num_threads), wall-clock and process CPU milliseconds. Prints
one JSON object on stdout.

Usage: /usr/bin/python3 bench/peers/pytorch_conv_ops.py [--batch 128] [--runs 5] [--threads 1,2]
"""
import argparse
import json
import time

import torch

# (name, in channels, out channels, input side, transposed): k4 s2 p1 throughout, as in the reference model
LAYERS = [
    ("enc1 Conv 1->32 28->14", 1, 32, 28, False),
    ("enc2 Conv 32->64 14->7", 32, 64, 14, False),
    ("dec1 ConvT 64->32 7->14", 64, 32, 7, True),
    ("dec2 ConvT 32->1 14->28", 32, 1, 14, True),
]


def best_ms(fn, runs, warmup):
    """Best wall-clock and best process-CPU milliseconds of fn over `runs` calls."""
    for _ in range(warmup):
        fn()
    best = best_cpu = float("inf")
    for _ in range(runs):
        cpu = time.process_time()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best * 1e3, best_cpu * 1e3


def layer_ops(batch, cin, cout, side, transposed):
    """The three ops of one layer as closures over fixed random tensors (NCHW, as PyTorch users write it)."""
    g = torch.Generator().manual_seed(0)
    out_side = side * 2 if transposed else side // 2
    x = torch.randn(batch, cin, side, side, generator=g)
    # PyTorch's weight layout: Conv2d [out, in, kh, kw], ConvTranspose2d [in, out, kh, kw]
    w = torch.randn(*((cin, cout) if transposed else (cout, cin)), 4, 4, generator=g) * 0.1
    dy = torch.randn(batch, cout, out_side, out_side, generator=g)
    stride, padding, dilation, output_padding = [2, 2], [1, 1], [1, 1], [0, 0]

    def forward():
        if transposed:
            return torch.nn.functional.conv_transpose2d(x, w, stride=2, padding=1)
        return torch.nn.functional.conv2d(x, w, stride=2, padding=1)

    def backward(mask):
        return torch.ops.aten.convolution_backward(
            dy, x, w, None, stride, padding, dilation, transposed, output_padding, 1, mask
        )

    return {
        "forward": forward,
        "dX": lambda: backward([True, False, False]),
        "dW": lambda: backward([False, True, False]),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", default="1,2")
    args = p.parse_args()
    result = {"torch": torch.__version__, "batch": args.batch, "runs": args.runs, "times": {}, "cpu_times": {}}
    with torch.no_grad():
        for threads in [int(t) for t in args.threads.split(",")]:
            torch.set_num_threads(threads)
            for name, cin, cout, side, transposed in LAYERS:
                ops = layer_ops(args.batch, cin, cout, side, transposed)
                for op, fn in ops.items():
                    wall, cpu = best_ms(fn, args.runs, args.warmup)
                    result["times"].setdefault(name, {}).setdefault(op, {})[str(threads)] = wall
                    result["cpu_times"].setdefault(name, {}).setdefault(op, {})[str(threads)] = cpu
    print(json.dumps(result))


if __name__ == "__main__":
    main()
