# The PyTorch twin of an exported Latent Explorer VAE: the same architecture written as torch modules, its weights
# read from encoder.onnx / decoder.onnx with onnx.numpy_helper (no onnx2torch needed). The README's "Into PyTorch"
# snippet is this file's build_vae + load_weights. Used by torchTwin.test.ts:
#   python3 torchTwin.py EXPORT_DIR HIDDEN_JSON DATA_DIR  → prints the max |Δ| against the engine's outputs as JSON.
import json
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn


def conv_stages(h, w, c):
    """The encoder's conv stages (src/shared/networks/conv.ts): halve every side ≥ 8 with k4 s2 p1, keep shorter
    ones with k3 s1 p1, while the larger side is ≥ 8; 32 channels in the first half of the stages, 64 after."""
    sides, s = [], max(h, w)
    while s >= 8:
        sides.append(s)
        s //= 2
    n, shape, stages = len(sides), (h, w, c), []
    for i in range(n):
        axis = lambda side: (4, 2, side // 2) if side >= 8 else (3, 1, side)
        (kh, sh, oh), (kw, sw, ow) = axis(shape[0]), axis(shape[1])
        out = (oh, ow, 32 if i < n / 2 else 64)
        stages.append({'in': shape, 'out': out, 'k': (kh, kw), 's': (sh, sw)})
        shape = out
    return stages


def build_vae(sidecar, hidden):
    """(encoder trunk, mu head, logvar head, decoder) as in src/shared/architecture.ts, each entry named after the
    exported initializer that holds its weights."""
    c, h, w = sidecar['inputShape']
    d = sidecar['latentDim']
    stages = conv_stages(h, w, c) if sidecar['source']['net'] == 'conv' else []
    trunk, decoder = [], []
    for i, st in enumerate(stages):
        trunk += [(f'encoder/conv{i}', nn.Conv2d(st['in'][2], st['out'][2], st['k'], st['s'], padding=1)), (None, nn.ReLU())]
    trunk.append((None, nn.Flatten()))
    width = (lambda o: o[0] * o[1] * o[2])(stages[-1]['out']) if stages else c * h * w
    for i, u in enumerate(hidden):
        trunk += [(f'encoder/dense{i}', nn.Linear(width, u)), (None, nn.ReLU())]
        width = u
    mu, logvar = nn.Linear(width, d), nn.Linear(width, d)
    width = d
    for i, u in enumerate(reversed(hidden)):
        decoder += [(f'decoder/dense{i}', nn.Linear(width, u)), (None, nn.ReLU())]
        width = u
    if not stages:
        decoder += [('decoder/out', nn.Linear(width, c * h * w)), (None, nn.Unflatten(1, (c, h, w)))]
    else:
        last = stages[-1]['out']
        decoder += [(f'decoder/dense{len(hidden)}', nn.Linear(width, last[0] * last[1] * last[2])), (None, nn.ReLU()),
                    (None, nn.Unflatten(1, (last[2], last[0], last[1])))]
        for j, st in enumerate(reversed(stages)):
            # PyTorch's output_padding gives back the row a stride-2 conv of an odd side leaves out
            pad = tuple(st['in'][a] - ((st['out'][a] - 1) * st['s'][a] - 2 + st['k'][a]) for a in (0, 1))
            name = 'decoder/out' if j == len(stages) - 1 else f'decoder/deconv{j}'
            decoder.append((name, nn.ConvTranspose2d(st['out'][2], st['in'][2], st['k'], st['s'], padding=1, output_padding=pad)))
            if j < len(stages) - 1:
                decoder.append((None, nn.ReLU()))
    if sidecar['decoderOutput'] == 'mean':
        decoder.append((None, nn.Sigmoid()))
    return trunk, [('encoder/mu', mu)], [('encoder/logvar', logvar)], decoder


def load_weights(parts, *onnx_files):
    """Copies the exported initializers into the modules: Gemm's B is [in, out] (nn.Linear holds its transpose),
    Conv and ConvTranspose weights are already in PyTorch's layout."""
    init = {t.name: numpy_helper.to_array(t) for f in onnx_files for t in onnx.load(f).graph.initializer}
    for part in parts:
        for name, module in part:
            if name is None:
                continue
            kernel = torch.from_numpy(init[f'{name}/kernel'].copy())
            module.weight.data = kernel.T.contiguous() if isinstance(module, nn.Linear) else kernel
            module.bias.data = torch.from_numpy(init[f'{name}/bias'].copy())
    return [nn.Sequential(*[m for _, m in part]).eval() for part in parts]


if __name__ == '__main__':
    out_dir, hidden, data = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    torch.set_num_threads(1)
    sidecar = json.load(open(f'{out_dir}/latent-explorer.json'))
    trunk, mu, logvar, decoder = load_weights(build_vae(sidecar, hidden), f'{out_dir}/encoder.onnx', f'{out_dir}/decoder.onnx')
    c, h, w = sidecar['inputShape']
    read = lambda name, shape: torch.from_numpy(np.fromfile(f'{data}/{name}.f32', dtype='<f4').reshape(shape))
    x = read('x', (-1, c, h, w))
    with torch.no_grad():
        features = trunk(x)
        m, lv = mu(features), logvar(features)
        decoded = decoder(m)
    n, d = x.shape[0], sidecar['latentDim']
    diff = lambda a, b: float((a - b).abs().max())
    print(json.dumps({'mu': diff(m, read('mu', (n, d))), 'logvar': diff(lv, read('logvar', (n, d))),
                      'decoded': diff(decoded, read('decoded', (n, c, h, w))), 'n': n}))
