// An imported ONNX model's panel in Chromium: the page runs the model's own ONNX files in onnxruntime-web (the
// WebAssembly binary served like dist/ is in the editor) and the views that decode in the page draw with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summaryOf } from '../../src/protocol/summary';
import { DEFAULT_TRAIN } from '../../src/shared/trainConfig';
import type { ModelConfig } from '../../src/shared/types';
import { extraFiles, inkedPixels, post, repo, waitForInk, withPage } from './harness';

const FIX = join(repo, 'test/fixtures/onnx');

test('an imported model decodes its prior samples in the page with onnxruntime-web', { timeout: 180_000 }, async () => {
  extraFiles.set('/encoder.onnx', readFileSync(join(FIX, 'enc.onnx')));
  extraFiles.set('/decoder.onnx', readFileSync(join(FIX, 'dec.onnx')));
  extraFiles.set('/ort.wasm', readFileSync(join(repo, 'dist/ort-wasm-simd-threaded.wasm')));
  const config: ModelConfig = {
    kind: 'mlp-vae', model: 'onnx', inputShape: [8, 8, 1], hidden: [], latentDim: 3, likelihood: 'bernoulli', decoderScale: 0.1,
    onnx: { layout: 'nchw', decoderOutput: 'logits', io: { x: 'x', mu: 'mu', logvar: 'logvar', z: 'z', out: 'logits' } },
  };
  const dataset = { root: '', fingerprint: '', count: 0, trainCount: 0, validationCount: 0, height: 8, width: 8, channels: 1 as const, labelNames: [] };
  const summary = summaryOf('/models/imported', { status: 'completed', model: config, training: DEFAULT_TRAIN, dataset });
  await withPage('', async ({ page, problems }) => {
    await post(page, { type: 'model', summary, epochs: [] });
    await post(page, { type: 'decoder', source: { weightsUri: '/weights.bin', specs: [], onnx: { encoderUri: '/encoder.onnx', decoderUri: '/decoder.onnx', wasmUri: '/ort.wasm' } } });
    await page.waitForFunction(() => /decoded in this page/.test(document.getElementById('samples-note')!.textContent ?? ''), undefined, { timeout: 120_000 });
    await waitForInk(page, 'samples', 60_000);
    assert.ok((await inkedPixels(page, 'samples')) > 0, 'the samples are drawn');
    assert.deepEqual(problems, []);
  });
  extraFiles.clear();
});

test('the side view pad decodes an imported model and times each move to its own answer, not to the stand-in', { timeout: 180_000 }, async () => {
  extraFiles.set('/encoder.onnx', readFileSync(join(FIX, 'enc.onnx')));
  extraFiles.set('/decoder.onnx', readFileSync(join(FIX, 'dec.onnx')));
  extraFiles.set('/ort.wasm', readFileSync(join(repo, 'dist/ort-wasm-simd-threaded.wasm')));
  const model: ModelConfig = {
    kind: 'mlp-vae', model: 'onnx', inputShape: [8, 8, 1], hidden: [], latentDim: 3, likelihood: 'bernoulli', decoderScale: 0.1,
    onnx: { layout: 'nchw', decoderOutput: 'logits', io: { x: 'x', mu: 'mu', logvar: 'logvar', z: 'z', out: 'logits' } },
  };
  await withPage('side', async ({ page, problems }) => {
    await post(page, { type: 'pad', modelDir: '/models/imported', source: { weightsUri: '/weights.bin', specs: [], onnx: { encoderUri: '/encoder.onnx', decoderUri: '/decoder.onnx', wasmUri: '/ort.wasm' } }, model, klPerDim: [1, 2, 3] });
    // the centre's own answer lands and is drawn: one timed answer, labelled as the imported model's
    await page.waitForFunction(() => Number(document.getElementById('pad-latency')!.dataset.count) >= 1, undefined, { timeout: 120_000 });
    assert.match((await page.textContent('#pad-latency')) ?? '', /^move to decoded image \(onnxruntime-web\): p95 \d+\.\d ms over the last 1 answers$/);
    assert.ok((await inkedPixels(page, 'pad-image')) > 0, 'the decoded image is drawn');
    const box = (await page.locator('#pad').boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.waitForFunction(() => Number(document.getElementById('pad-latency')!.dataset.count) >= 2, undefined, { timeout: 60_000 });
    assert.ok(Number(await page.getAttribute('#pad-latency', 'data-p95')) > 0, 'a timed answer took the runtime its time');
    assert.deepEqual(problems, []);
  });
  extraFiles.clear();
});
