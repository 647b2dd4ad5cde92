// `latent-explorer train --model vqvae` prints the code prior's fit on stderr like the epochs (stdout stays the
// one JSON line under --json), and a stop during that fit (Ctrl+C: signal.stop) keeps the trained VQ-VAE with the
// uniform prior, says so on stderr and in the JSON, and exits 130. A prior too large for the grid is refused before
// the epochs, with nothing written. In-process: the test flips the stop flag when the first prior epoch is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrain } from '../../../src/cli/train';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';

const VQ = ['--model', 'vqvae', '--codebook', '8', '--code-dim', '4', '--epochs', '1', '--batch', '8', '--vq-prior-hidden', '16', '--json'];

function capture(onErr: (line: string) => void = () => undefined) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (line: string) => void out.push(line),
      err: (line: string) => {
        err.push(line);
        onErr(line);
      },
    },
  };
}

test('train --json prints the code prior’s epochs on stderr after the last epoch, and one JSON line on stdout', async () => {
  const data = writeTinyDataset(40);
  const dir = join(tempDir('le-vqcli-'), 'm');
  const c = capture();
  assert.equal(await runTrain([data, '--out', dir, ...VQ, '--vq-prior-epochs', '2'], c.io, { stop: false }), 0);
  const prior = c.err.filter((l) => l.startsWith('fitting the code prior'));
  assert.equal(prior.length, 3, c.err.join('\n'));
  assert.equal(prior[0], "fitting the code prior (2 epochs): encoding the training images' code grids");
  assert.match(prior[1], /^fitting the code prior: epoch 1\/2, −log p\(c\) train \d+\.\d\d nats per grid$/);
  assert.match(prior[2], /^fitting the code prior: epoch 2\/2, /);
  assert.ok(c.err.findIndex((l) => l.startsWith('epoch 1:')) < c.err.indexOf(prior[0]), 'after the last epoch');
  assert.equal(c.out.length, 1);
  const r = JSON.parse(c.out[0]);
  assert.equal(r.status, 'completed');
  assert.equal(r.code_prior.kind, 'ar');
  assert.equal(r.code_prior.cancelled, undefined);
});

test('a stop during the code prior’s fit keeps the VQ-VAE with the uniform prior, says so, and exits 130', async () => {
  const data = writeTinyDataset(40);
  const dir = join(tempDir('le-vqcli-'), 'm');
  const signal = { stop: false };
  const c = capture((line) => {
    if (line.startsWith('fitting the code prior: epoch 1/')) signal.stop = true;
  });
  assert.equal(await runTrain([data, '--out', dir, ...VQ, '--vq-prior-epochs', '1000'], c.io, signal), 130);
  const epochs = c.err.filter((l) => l.startsWith('fitting the code prior: epoch'));
  assert.ok(epochs.length >= 1 && epochs.length < 1000, `${epochs.length} prior epochs`);
  assert.equal(c.err.at(-1), `cancelled while fitting the code prior: the trained VQ-VAE (1 epoch) is kept in ${dir}, with the uniform prior over codes`);
  assert.ok(!c.err.some((l) => l.startsWith('model written')));
  assert.equal(c.out.length, 1);
  const r = JSON.parse(c.out[0]);
  assert.deepEqual([r.status, r.epochs, r.code_prior], ['completed', 1, { kind: 'uniform', cancelled: true }]);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  assert.deepEqual([manifest.status, manifest.model.codePrior, manifest.codePrior], ['completed', undefined, undefined]);
});

test('a stop as the prior’s fit begins (while the training images are encoded to code grids) keeps the VQ-VAE; no prior epoch runs', async () => {
  const data = writeTinyDataset(40);
  const dir = join(tempDir('le-vqcli-'), 'm');
  const signal = { stop: false };
  const c = capture((line) => {
    if (line.startsWith('fitting the code prior (')) signal.stop = true;
  });
  assert.equal(await runTrain([data, '--out', dir, ...VQ, '--vq-prior-epochs', '5'], c.io, signal), 130);
  assert.deepEqual(c.err.filter((l) => l.startsWith('fitting the code prior: epoch')), [], 'no prior epoch ran');
  assert.match(c.err.at(-1)!, /^cancelled while fitting the code prior: /);
  assert.deepEqual(JSON.parse(c.out[0]).code_prior, { kind: 'uniform', cancelled: true });
});

test('a code prior too large for its grid is refused before the epochs, and nothing is written', async () => {
  const data = writeTinyDataset(16);
  const dir = join(tempDir('le-vqcli-'), 'm');
  // 4×4 cells × K 4096 × H 4096 values per kernel: over the limit the page can fetch
  const c = capture();
  await assert.rejects(runTrain([data, '--out', dir, ...VQ, '--codebook', '4096', '--vq-prior-hidden', '4096'], c.io, { stop: false }), /autoregressive prior's kernels would hold 268435456 values/);
  assert.equal(existsSync(dir), false);
  assert.ok(!c.err.some((l) => l.startsWith('epoch ')), 'no epoch ran');
});
