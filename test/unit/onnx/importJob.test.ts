// The job process's importOnnx request (what Import ONNX Model… sends): it imports the fixtures and the folder then
// serves the views' requests like any model (here: Encode Image on a PNG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { jobHandlers } from '../../../src/worker/jobHandlers';
import { readManifest } from '../../../src/store';
import { tempDir } from '../../helpers/tempDir';

const FIX = join(__dirname, '../../fixtures/onnx');
const ctx = { progress: () => undefined, cancelled: () => false };

test('the importOnnx job writes the model folder, and the same job process then encodes an image with it', { timeout: 180_000 }, async () => {
  const h = jobHandlers(true);
  const out = join(tempDir('le-onnx-job-'), 'model');
  const reply = await h.importOnnx({ type: 'importOnnx', encoder: join(FIX, 'enc.onnx'), decoder: join(FIX, 'dec.onnx'), out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1 }, ctx as never);
  assert.equal(reply.modelDir, out);
  assert.match(reply.runtime, /onnxruntime/);
  assert.equal((await readManifest(out)).model.model, 'onnx');
  const image = join(__dirname, '../../../samples/fashion-mnist/Bag/00035.png');
  const encoding = await h.encode({ type: 'encode', modelDir: out, imagePath: image }, ctx as never);
  assert.equal(encoding.mu.length, 3);
  assert.ok(encoding.mu.every(Number.isFinite));
});
