import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remedyJob } from '../../../src/training/remedies';
import type { Manifest } from '../../../src/store/manifest';
import { isUserError } from '../../../src/shared/userError';

const manifest = {
  model: { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [400, 100], latentDim: 20, likelihood: 'bernoulli', decoderScale: 0.1 },
  training: { epochs: 12, batchSize: 128, learningRate: 1e-3, beta: 4, warmupEpochs: 0, freeBits: 0, seed: 7 },
  dataset: { root: '/data/fm', count: 1000, validationCount: 100 },
  epochs: [{ train: { activeUnits: 6 }, validation: { activeUnits: 5 } }],
} as unknown as Manifest;

test('each remedy changes exactly its setting and trains into a new folder beside the model', () => {
  const beta = remedyJob('/models/fm', manifest, 'halveBeta', 'T');
  assert.equal(beta.train.beta, 2);
  assert.equal(beta.modelDir, '/models/fm-halveBeta-T');
  assert.equal(beta.datasetPath, '/data/fm');
  assert.equal(beta.validationFraction, 0.1);
  assert.deepEqual(beta.model.hidden, [400, 100]);
  assert.equal(remedyJob('/models/fm', manifest, 'warmup', 'T').train.warmupEpochs, 4);
  const freeBits = remedyJob('/models/fm', manifest, 'freeBits', 'T');
  assert.equal(freeBits.train.freeBits, 0.5, 'free bits start at half a nat per dimension');
  const withBits = { ...manifest, training: { ...manifest.training, freeBits: 0.5 } };
  assert.equal(remedyJob('/models/fm', withBits, 'freeBits', 'T').train.freeBits, 1, 'and double when already on');
  assert.deepEqual(remedyJob('/models/fm', manifest, 'smallerDecoder', 'T').model.hidden, [200, 50]);
  assert.equal(remedyJob('/models/fm', manifest, 'fewerLatents', 'T').model.latentDim, 5, 'the validation active units');
  assert.equal(manifest.training.beta, 4, 'the original manifest is untouched');
});

test('a remedy that would push a setting out of range is refused, naming the field, instead of training', () => {
  // free bits double with each click; past the allowed 1000 nats the retrained model could not be opened
  const many = { ...manifest, training: { ...manifest.training, freeBits: 800 } };
  assert.throws(
    () => remedyJob('/models/fm', many, 'freeBits', 'T'),
    (e: unknown) => isUserError(e) && /^Add free bits was not applied to \/models\/fm: the retrained model's training\.freeBits is 1600; it must be a number from 0 to 1000\.$/.test((e as Error).message),
  );
});

test('a remedy retrains the same variant and network: a conv CVAE stays a conv CVAE, an IWAE keeps its k', () => {
  const cvae = { ...manifest, model: { ...manifest.model, net: 'conv', model: 'cvae', labels: ['a', 'b'] } } as unknown as Manifest;
  const job = remedyJob('/models/c', cvae, 'warmup', 'T');
  assert.equal(job.model.net, 'conv');
  assert.equal(job.model.model, 'cvae');
  assert.equal('labels' in job.model, false, 'the labels come from the data again');
  assert.equal('inputShape' in job.model, false);
  const iwae = { ...manifest, model: { ...manifest.model, model: 'iwae', iwaeK: 5 } } as unknown as Manifest;
  const halved = remedyJob('/models/i', iwae, 'smallerDecoder', 'T');
  assert.equal(halved.model.model, 'iwae');
  assert.equal(halved.model.iwaeK, 5);
  assert.deepEqual(halved.model.hidden, [200, 50]);
});
