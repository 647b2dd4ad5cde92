// `node bench/vaegan.mjs`: MODELS.md's VAE-GAN section, measured in one run. The plain conv VAE (the reference
// network: conv stages, dense 256) and the VAE-GAN (the same VAE plus its discriminator, γ = --gamma) train through
// the CLI at the same budget (the first --limit Fashion-MNIST training images, --epochs epochs, latent 20, batch 128,
// Adam 1e-3, seed 1). On the first --test-limit test images: sharpness (variance of the Laplacian) of as many prior
// samples, of the reconstructions E[x|μ(x)] and of the images themselves, and the reconstructions' mean squared pixel
// error (bench/vaeganImages.ts); −ELBO under the Bernoulli decoder with its reconstruction term (eval); the IWAE bound
// with k = --k on the first --bound-n. Training samples/s, mean over epochs. Writes bench/vaegan.md and the section
// between this script's markers in MODELS.md, with the date and the load.
// Options: --epochs N (5) --limit N (10000) --test-limit N (1000) --gamma γ (0.1) --k K (100) --bound-n N (200)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJson } from './runJson.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = '/usr/share/datasets/fashion-mnist';
const TEST = join(DATA, 't10k-images-idx3-ubyte.gz');
const BEGIN = '<!-- bench/vaegan.mjs: begin -->';
const END = '<!-- bench/vaegan.mjs: end -->';
const { values: o } = parseArgs({
  options: {
    epochs: { type: 'string', default: '5' }, limit: { type: 'string', default: '10000' }, 'test-limit': { type: 'string', default: '1000' },
    gamma: { type: 'string', default: '0.1' }, k: { type: 'string', default: '100' }, 'bound-n': { type: 'string', default: '200' },
  },
});
const load = () => loadavg().map((v) => v.toFixed(1)).join(', ');
const log = (s) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const started = new Date().toISOString().slice(0, 16).replace('T', ' ');
const loadBefore = load();
const cli = join(repo, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'le-bench-vaegan-'));
const common = ['--latent', '20', '--net', 'conv', '--hidden', '256', '--likelihood', 'bernoulli', '--batch', '128', '--lr', '0.001', '--validation', '0', '--seed', '1',
  '--limit', o.limit, '--epochs', o.epochs, '--json'];
const RUNS = [
  { id: 'conv', title: 'VAE, conv (reference network)', flags: [] },
  { id: 'vaegan', title: `VAE-GAN, same VAE + discriminator, γ = ${o.gamma}`, flags: ['--model', 'vaegan', '--gamma', o.gamma] },
];

function measure(run) {
  const dir = join(tmp, run.id);
  const train = ['train', join(DATA, 'train-images-idx3-ubyte.gz'), '--out', dir, ...run.flags, ...common];
  log(`${run.id}: node dist/cli.js ${train.join(' ').replaceAll(tmp, '<tmp>')}`);
  const t = runJson(process.execPath, [cli, ...train]);
  const elbo = runJson(process.execPath, [cli, 'eval', dir, TEST, '--iwae-k', '1', '--limit', o['test-limit'], '--json']);
  log(`${run.id}: IWAE k = ${o.k} on ${o['bound-n']} test images`);
  const bound = runJson(process.execPath, [cli, 'eval', dir, TEST, '--iwae-k', o.k, '--limit', o['bound-n'], '--json']);
  const img = runJson(process.execPath, ['--import', 'tsx', join(repo, 'bench/vaeganImages.ts'), dir, TEST, o['test-limit']]);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return { ...run, samplesPerSec: t.samples_per_s, negElbo: elbo.neg_elbo, recon: elbo.recon, kl: elbo.kl, iwae: bound.iwae_bound, img, gan: manifest.epochs.at(-1).gan ?? null };
}

const results = RUNS.map(measure);
rmSync(tmp, { recursive: true, force: true });
const [conv, gan] = results;
const f = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');
const cmd = `node bench/vaegan.mjs --epochs ${o.epochs} --limit ${o.limit} --test-limit ${o['test-limit']} --gamma ${o.gamma} --k ${o.k} --bound-n ${o['bound-n']}`;
const table = `| model | sharpness of samples | of reconstructions | of the test images | recon. MSE | −ELBO (recon + KL) | log p(x) ≥ L_k, IWAE k = ${o.k} | samples/s |
|---|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.title} | ${f(r.img.sharpness.samples, 4)} | ${f(r.img.sharpness.reconstructions, 4)} | ${f(r.img.sharpness.data, 4)} | ${f(r.img.reconMse, 4)} | ${f(r.negElbo, 1)} (${f(r.recon, 1)} + ${f(r.kl, 1)}) | ${f(r.iwae, 1)} | ${f(r.samplesPerSec, 0)} |`).join('\n')}`;
const section = `${BEGIN}
### VAE-GAN (\`${cmd}\`, also in \`bench/vaegan.md\`)

Run ${started} UTC, load average ${loadBefore} before and ${load()} after (1, 5, 15 min; 2 cores, shared machine; the
bench ran at autogroup nice −10, so its samples/s are comparable with each other, not with other sections). Both
models: the first ${o.limit} training images, ${o.epochs} epochs, latent 20, batch 128, Adam 1e-3 (the VAE-GAN's three
optimisers with β1 = 0.5), seed 1. Figures on the first ${o['test-limit']} test images: sharpness is the variance of
the Laplacian (src/shared/sharpness.ts) of ${o['test-limit']} prior samples z ~ N(0, I), of the reconstructions
E[x | μ(x)] and of the images themselves (higher is sharper); recon. MSE is the reconstructions' mean squared pixel
error. −ELBO and the IWAE bound (first ${o['bound-n']} test images) are bounds on −log p(x) under each model's
Bernoulli decoder: valid for the VAE-GAN too, whose decoder they measure, but not what it optimises (its decoder also
answers to the discriminator), so a worse bound is the expected price of sharpness.

${table}

Samples of the VAE-GAN are ${f(gan.img.sharpness.samples / conv.img.sharpness.samples, 1)}× as sharp as the plain conv
VAE's and reach ${f((100 * gan.img.sharpness.samples) / gan.img.sharpness.data, 0)} % of the test images' sharpness (the conv
VAE's: ${f((100 * conv.img.sharpness.samples) / conv.img.sharpness.data, 0)} %). The VAE-GAN's last epoch: discriminator loss
${f(gan.gan?.discriminator, 3)} nats, generator loss ${f(gan.gan?.generator, 3)}, mean D(x) ${f(gan.gan?.realScore, 3)} on data
and D(x_p) ${f(gan.gan?.fakeScore, 3)} on prior samples.
${END}`;
const md = readFileSync(join(repo, 'MODELS.md'), 'utf8');
const at = md.indexOf(BEGIN);
const next = at >= 0 ? md.slice(0, at) + section + md.slice(md.indexOf(END) + END.length) : `${md.trimEnd()}\n\n${section}\n`;
writeFileSync(join(repo, 'MODELS.md'), next);
writeFileSync(join(repo, 'bench/vaegan.md'), `# VAE-GAN on Fashion-MNIST\n\n${section.split('\n').slice(1, -1).join('\n')}\n\nRaw figures:\n\n\`\`\`json\n${JSON.stringify(results, null, 1)}\n\`\`\`\n`);
process.stdout.write(`${section}\n`);
