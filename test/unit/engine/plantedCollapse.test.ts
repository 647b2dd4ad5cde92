// A planted case for the collapse verdict on real images (issue 11's list, at test size): an MLP VAE with β = 20
// on 500 Fashion-MNIST images pushes most latent dimensions onto the prior, the same model at β = 1 keeps them.
// The verdict is shared/collapse.ts's, which the panel and `eval --json` state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadDataset } from '../../../src/data/loadDataset';
import { initBackend } from '../../../src/engine/backend';
import { evaluate } from '../../../src/engine/evaluate';
import { createModel } from '../../../src/engine/models/registry';
import { trainVae } from '../../../src/engine/train';
import { collapseVerdict } from '../../../src/shared/collapse';
import { DEFAULT_TRAIN } from '../../../src/shared/trainConfig';

const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

test('planted collapse: β = 20 on 500 Fashion-MNIST images → verdict partial or full, far fewer dimensions used than at β = 1', { skip: existsSync(FASHION) ? false : `${FASHION} is missing (Debian package dataset-fashion-mnist; scripts/setup.sh installs it)` }, async () => {
  await initBackend();
  const ds = await loadDataset(FASHION, { limit: 500 });
  const outcome: Record<number, { verdict: string; used: number; active: number }> = {};
  for (const beta of [1, 20]) {
    const model = createModel({ kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [128], latentDim: 8, likelihood: 'bernoulli', decoderScale: 0.1 }, 1);
    // β = 20 needs tens of epochs to separate from β = 1 (measured with PyTorch twins: shared/notes)
    await trainVae(model, { train: ds, validation: null }, { ...DEFAULT_TRAIN, epochs: 60, batchSize: 32, learningRate: 2e-3, beta, seed: 2 });
    const m = await evaluate(model, ds, { iwaeK: 0 });
    const v = collapseVerdict(m.klPerDim);
    outcome[beta] = { verdict: v.verdict, used: v.usedDims, active: m.activeUnits };
    model.dispose();
  }
  const shown = JSON.stringify(outcome);
  assert.equal(outcome[1].verdict, 'none', shown);
  assert.notEqual(outcome[20].verdict, 'none', shown);
  assert.ok(outcome[20].active <= 3 && outcome[20].used <= outcome[1].used - 4, shown);
});
