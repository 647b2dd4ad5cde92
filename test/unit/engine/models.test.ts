// The model registry and the architecture description: the stored weight layout every saved model relies on, the
// network interpreter's contract with its ops, and refusals that name what is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/engine/backend';
import { createModel, modelFromWeights } from '../../../src/engine/models/registry';
import { describeModel, weightSpecsFor } from '../../../src/shared/architecture';
import { runNetwork, type NetworkOps } from '../../../src/shared/network';
import { isUserError } from '../../../src/shared/userError';
import type { ModelConfig } from '../../../src/shared/types';
import { tinyConfig } from '../../helpers/synthetic';

test('an MLP VAE stores its weights under the names and in the order saved models use', () => {
  const config = tinyConfig({ inputShape: [4, 5, 3], hidden: [30, 20], latentDim: 7, likelihood: 'gaussian', decoderScale: 'learned' });
  assert.deepEqual(
    weightSpecsFor(config).map((s) => `${s.name} ${s.shape.join('×')}`),
    [
      'encoder/dense0/kernel 60×30', 'encoder/dense0/bias 30', 'encoder/dense1/kernel 30×20', 'encoder/dense1/bias 20',
      'encoder/mu/kernel 20×7', 'encoder/mu/bias 7', 'encoder/logvar/kernel 20×7', 'encoder/logvar/bias 7',
      'decoder/dense0/kernel 7×20', 'decoder/dense0/bias 20', 'decoder/dense1/kernel 20×30', 'decoder/dense1/bias 30',
      'decoder/out/kernel 30×60', 'decoder/out/bias 60', 'decoder/logScale 60',
    ],
  );
  // a fixed scale is not a weight; with no hidden layers the heads read the image
  const flat = describeModel(tinyConfig({ hidden: [], likelihood: 'gaussian', decoderScale: 0.2 }));
  assert.equal(flat.encoder.layers.length, 0);
  assert.deepEqual(flat.weights.map((s) => s.name), ['encoder/mu/kernel', 'encoder/mu/bias', 'encoder/logvar/kernel', 'encoder/logvar/bias', 'decoder/out/kernel', 'decoder/out/bias']);
});

test('runNetwork marks only the first layer of a data input, and applies each activation', () => {
  const calls: string[] = [];
  const ops: NetworkOps<number[], number> = {
    dense: (x, k, b, act, onInput) => {
      calls.push(`${k}:${act}${onInput ? ':data' : ''}`);
      return x.map((v) => (act === 'relu' ? Math.max(0, v * k + b) : v * k + b));
    },
    sigmoid: (x) => x.map((v) => 1 / (1 + Math.exp(-v))),
  };
  const net = describeModel(tinyConfig({ hidden: [2, 2] })).decoder;
  const weight = (name: string) => (name.endsWith('kernel') ? -1 : 0.5);
  const y = runNetwork(net, weight, [1, -3], ops, true);
  assert.deepEqual(calls, ['-1:relu:data', '-1:relu', '-1:linear']);
  // relu(−1 + .5) = 0, relu(3.5) = 3.5 → relu(.5), relu(−3) = 0 → linear: −.5 + .5, 0 + .5
  assert.deepEqual(y, [0, 0.5]);
  const squash = { inSize: 1, outSize: 1, layers: [{ op: 'dense' as const, kernel: 'k', bias: 'b', inSize: 1, outSize: 1, activation: 'sigmoid' as const }] };
  assert.deepEqual(runNetwork(squash, () => 0, [5], ops), [0.5]);
  assert.equal(calls.at(-1), '0:linear');
  assert.throws(() => runNetwork(net, () => { throw new Error('the weights have no "x"'); }, [1], ops), /have no/);
});

test('the registry refuses an unknown kind and weights that do not fit, naming the problem', async () => {
  await initBackend();
  const unknown = { ...tinyConfig(), kind: 'pixel-cnn' } as unknown as ModelConfig;
  assert.throws(() => createModel(unknown, 1), (e: unknown) => isUserError(e) && /unknown model kind "pixel-cnn"/.test(e.message));
  const model = createModel(tinyConfig(), 1);
  const values = model.weightValues();
  values.delete('decoder/out/bias');
  values.set('decoder/extra', new Float32Array(2));
  values.set('encoder/mu/kernel', new Float32Array(5));
  assert.throws(
    () => modelFromWeights(tinyConfig(), values),
    (e: unknown) => isUserError(e) && /"encoder\/mu\/kernel" has 5 values/.test(e.message) && /missing weight "decoder\/out\/bias"/.test(e.message) && /unexpected weight "decoder\/extra"/.test(e.message),
  );
  model.dispose();
});

test('create is reproducible from its seed and starts dense layers like nn.Linear (|w| ≤ 1/√fan_in)', async () => {
  await initBackend();
  const config = tinyConfig({ hidden: [16], likelihood: 'laplace', decoderScale: 'learned' });
  const [a, b, c] = [createModel(config, 5), createModel(config, 5), createModel(config, 6)];
  const va = a.weightValues();
  assert.deepEqual(va, b.weightValues());
  assert.notDeepEqual(va, c.weightValues());
  for (const spec of a.weightSpecs()) {
    const v = va.get(spec.name)!;
    if (spec.name === 'decoder/logScale') assert.ok(v.every((x) => x === 0));
    else {
      const fanIn = spec.name === 'decoder/dense0/kernel' || spec.name === 'decoder/dense0/bias' ? 3 : spec.name.startsWith('encoder/dense0') ? 64 : 16;
      assert.ok(v.every((x) => Math.abs(x) <= 1 / Math.sqrt(fanIn)), `${spec.name} outside ±1/√${fanIn}`);
      assert.ok(v.some((x) => Math.abs(x) > 0.5 / Math.sqrt(fanIn)), `${spec.name} is suspiciously small`);
    }
  }
  for (const m of [a, b, c]) m.dispose();
});
