// Encode throughput of an imported ONNX VAE in the job process (the OnnxVae through its runtime thread): a 784-400-20
// MLP exported by make_mlp.py, batch 256. usage: python3 bench/onnx/make_mlp.py DIR && node --import tsx bench/onnx/encodeThroughput.ts DIR
// (LATENT_EXPLORER_ONNXRUNTIME_NODE=<onnxruntime-node folder> to measure onnxruntime-node)
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/backend';
import { loadModel } from '../../src/store';
import { importOnnxModel } from '../../src/training/importOnnx';
import { rmSync } from 'node:fs';
(async () => {
  await initBackend();
  const out = process.argv[2] + '/model';
  rmSync(out, { recursive: true, force: true });
  await importOnnxModel({ encoder: process.argv[2] + '/enc.onnx', decoder: process.argv[2] + '/dec.onnx', out, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1 });
  const { model } = await loadModel(out);
  console.log('runtime', (model as unknown as { runtime: string }).runtime);
  const x = tf.randomUniform([256, 784]) as tf.Tensor2D;
  for (let i = 0; i < 3; i++) tf.dispose(model.encode(x));
  const reps = 20;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) tf.dispose(model.encode(x));
  const ms = (performance.now() - t0) / reps;
  console.log(`encode batch 256: ${ms.toFixed(1)} ms per batch, ${(256 / ms * 1000).toFixed(0)} images/s`);
  model.dispose();
})();
