// `node bench/vqvae.mjs`: the VQ-VAE row for MODELS.md, measured in one run. Ours (the CLI: train --model vqvae,
// then eval on the test images) and its PyTorch twin (bench/peers/pytorch_vqvae.py, same network, loss, codebook
// seeding and restarts), both on the first --limit Fashion-MNIST training images for --epochs epochs (K = 64,
// D = 16, commitment 0.25, batch 64, Adam 1e-3), then the twin again with the textbook codebook (uniform ±1/K, no
// restarts) for the collapse comparison. Test figures on the first --test-limit test images: reconstruction
// −log p(x|z_q) (nats per image), the bound −log p(x) ≤ recon + 49·log K under a uniform prior over codes,
// codebook perplexity and codes used; training samples/s (mean over epochs). Writes bench/vqvae.md with the load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const { values: o } = parseArgs({ options: { epochs: { type: 'string', default: '3' }, limit: { type: 'string', default: '5000' }, 'test-limit': { type: 'string', default: '1000' }, out: { type: 'string', default: join(repo, 'bench/vqvae.md') } } });
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');
const started = new Date().toISOString();
const loadBefore = load();
const common = ['--codebook', '64', '--code-dim', '16', '--commitment', '0.25', '--batch', '64', '--epochs', o.epochs, '--seed', '1'];
const dir = join(mkdtempSync(join(tmpdir(), 'le-bench-vq-')), 'model');
const cli = join(repo, 'dist/cli.js');
const train = runJson('node', [cli, 'train', join(DATA, 'train-images-idx3-ubyte.gz'), '--out', dir, '--model', 'vqvae', '--limit', o.limit, '--validation', '0', ...common, '--json']);
const ev = runJson('node', [cli, 'eval', dir, join(DATA, 't10k-images-idx3-ubyte.gz'), '--limit', o['test-limit'], '--json']);
rmSync(join(dir, '..'), { recursive: true, force: true });
const peer = (extra) => runJson('/usr/bin/python3', [join(repo, 'bench/peers/pytorch_vqvae.py'), '--limit', o.limit, '--test-limit', o['test-limit'], ...common, ...extra]);
const twin = peer([]);
const textbook = peer(['--init', 'uniform', '--no-restart']);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows = [
  ['Latent Explorer (k-means++ init, dead-code restarts)', ev.recon, ev.neg_elbo, ev.codebook_perplexity, ev.codebook_used, train.samples_per_s],
  ['PyTorch twin, same rules', twin.test_recon, twin.test_bound, twin.codebook_perplexity, twin.codebook_used, mean(twin.samples_per_s)],
  ['PyTorch twin, textbook init (±1/K, no restarts)', textbook.test_recon, textbook.test_bound, textbook.codebook_perplexity, textbook.codebook_used, mean(textbook.samples_per_s)],
];
const md = `# VQ-VAE on Fashion-MNIST (measured by \`node bench/vqvae.mjs --epochs ${o.epochs} --limit ${o.limit} --test-limit ${o['test-limit']}\`)

Run ${started}, load average before ${loadBefore}, after ${load()} (1, 5, 15 min; 2 cores, shared machine).
K = 64 codes of D = 16 on a 7×7 grid, commitment 0.25, batch 64, Adam 1e-3, ${o.epochs} epochs on the first ${o.limit}
training images; test figures on the first ${o['test-limit']} test images. The bound is −log p(x) ≤ reconstruction +
49·log 64 under a uniform prior over the codes (no IWAE: a VQ-VAE has no Gaussian posterior). Samples/s: training,
mean over epochs (ours: native kernels ${JSON.stringify(train.acceleration?.matMul?.kind ?? '?')}; PyTorch ${twin.torch}, ${twin.threads} thread).

| run | reconstruction (nats) | bound −log p(x) ≤ | codebook perplexity | codes used (of 64) | samples/s |
|---|---|---|---|---|---|
${rows.map(([name, ...v]) => `| ${name} | ${v[0].toFixed(1)} | ${v[1].toFixed(1)} | ${v[2].toFixed(1)} | ${v[3]} | ${v[4].toFixed(0)} |`).join('\n')}
`;
writeFileSync(o.out, md);
process.stdout.write(md);
