# A 784-400-20 MLP VAE (random weights: only the speed is measured) exported like the README says, for
# bench/onnx/encodeThroughput.ts. usage: /usr/bin/python3 bench/onnx/make_mlp.py DIR
import torch, sys
torch.manual_seed(0)
enc = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 400), torch.nn.ReLU(), torch.nn.Linear(400, 40))
class E(torch.nn.Module):
    def __init__(s): super().__init__(); s.e = enc
    def forward(s, x): h = s.e(x); return h[:, :20], h[:, 20:]
class D(torch.nn.Module):
    def __init__(s): super().__init__(); s.d = torch.nn.Sequential(torch.nn.Linear(20, 400), torch.nn.ReLU(), torch.nn.Linear(400, 784))
    def forward(s, z): return s.d(z).reshape(-1, 1, 28, 28)
d = sys.argv[1]
torch.onnx.export(E(), torch.zeros(1, 1, 28, 28), d + '/enc.onnx', input_names=['x'], output_names=['mu', 'logvar'], dynamic_axes={'x': {0: 'N'}, 'mu': {0: 'N'}, 'logvar': {0: 'N'}}, opset_version=13)
torch.onnx.export(D(), torch.zeros(1, 20), d + '/dec.onnx', input_names=['z'], output_names=['logits'], dynamic_axes={'z': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13)
