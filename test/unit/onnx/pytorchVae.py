# The "bring your own VAE" path as a user walks it: train a small MLP VAE in PyTorch (Bernoulli decoder on logits),
# export encoder and decoder to ONNX in the README's convention, and report PyTorch's own figures on the test
# images for test/unit/onnx/pytorchParity.test.ts to compare the imported model with.
# usage: pytorchVae.py TRAIN.idx TEST.idx OUT_DIR SAMPLES     (IDX3 uint8 images)
import json, os, sys
import numpy as np
import torch
import torch.nn.functional as F

train_file, test_file, out, samples = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
torch.manual_seed(0)
torch.set_num_threads(1)


def read_idx(path):
    raw = open(path, 'rb').read()
    n, h, w = (int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(3))
    return torch.tensor(np.frombuffer(raw, np.uint8, offset=16).reshape(n, 1, h, w).astype(np.float32) / 255)


class Encoder(torch.nn.Module):
    def __init__(self, d=784, h=200, z=10):
        super().__init__()
        self.body = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(d, h), torch.nn.ReLU())
        self.mu, self.logvar = torch.nn.Linear(h, z), torch.nn.Linear(h, z)

    def forward(self, x):
        h = self.body(x)
        return self.mu(h), self.logvar(h)


class Decoder(torch.nn.Module):
    def __init__(self, d=784, h=200, z=10):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(z, h), torch.nn.ReLU(), torch.nn.Linear(h, d))

    def forward(self, z):
        return self.net(z).reshape(-1, 1, 28, 28)  # Bernoulli logits


def neg_elbo(enc, dec, x):
    """−ELBO per image: E_q[−log p(x|z)] by one sample plus the analytic KL(q || N(0, I))."""
    mu, logvar = enc(x)
    z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
    recon = F.binary_cross_entropy_with_logits(dec(z), x, reduction='none').flatten(1).sum(1)
    kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(1)
    return recon + kl


train, test = read_idx(train_file), read_idx(test_file)
enc, dec = Encoder(), Decoder()
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
for epoch in range(8):
    for i in range(0, len(train), 64):
        loss = neg_elbo(enc, dec, train[i:i + 64]).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
enc.eval()
dec.eval()
with torch.no_grad():
    mu, _ = enc(test)
    # the bound's expectation over q: `samples` draws per image, averaged
    figure = torch.stack([neg_elbo(enc, dec, test) for _ in range(samples)]).mean().item()

torch.onnx.export(enc, test[:1], os.path.join(out, 'encoder.onnx'), input_names=['x'], output_names=['mu', 'logvar'],
                  dynamic_axes={'x': {0: 'N'}, 'mu': {0: 'N'}, 'logvar': {0: 'N'}}, opset_version=13)
torch.onnx.export(dec, mu[:1], os.path.join(out, 'decoder.onnx'), input_names=['z'], output_names=['logits'],
                  dynamic_axes={'z': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13)
json.dump({'mu': mu.flatten().tolist(), 'negElbo': figure}, open(os.path.join(out, 'pytorch.json'), 'w'))
print(json.dumps({'negElbo': figure}))
