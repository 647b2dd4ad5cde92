// The image figures of bench/vaegan.mjs for one model folder: sharpness (variance of the Laplacian,
// src/shared/sharpness.ts) of n prior samples (z ~ N(0, I), seed 1), of the reconstructions E[x|μ(x)] of the first n
// test images, and of those test images; the reconstructions' mean squared pixel error. One JSON line on stdout.
// Usage: node --import tsx bench/vaeganImages.ts <modelDir> <test idx file> <n>
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/engine/backend';
import { imagesToTensor } from '../src/engine/batches';
import { loadDataset } from '../src/data/loadDataset';
import { sharpness } from '../src/shared/sharpness';
import { loadModel } from '../src/store/modelStore';

async function main(dir: string, testFile: string, n: number): Promise<void> {
  await initBackend();
  const { model } = await loadModel(dir);
  const ds = await loadDataset(testFile, { limit: n });
  const count = ds.count;
  const { height: h, width: w, channels: c } = ds;
  const [data, recon, samples, mse] = tf.tidy(() => {
    const x = imagesToTensor(ds, Int32Array.from({ length: count }, (_, i) => i));
    const r = model.decode(model.meanCode(model.encode(x)));
    return [x, r, model.decode(model.samplePriorLatents(count, 1, 1)), tf.mean(tf.square(tf.sub(r, x)))];
  });
  const of = (t: tf.Tensor) => sharpness(t.dataSync(), count, h, w, c);
  process.stdout.write(`${JSON.stringify({ n: count, sharpness: { samples: of(samples), reconstructions: of(recon), data: of(data) }, reconMse: mse.dataSync()[0] })}\n`);
  model.dispose();
}

const [dir, testFile, n] = process.argv.slice(2);
main(dir, testFile, Number(n ?? 1000)).catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
