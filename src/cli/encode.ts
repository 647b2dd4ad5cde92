import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { prepareImageFile } from '../data/prepareImage';
import { initBackend } from '../engine/backend';
import { loadModel } from '../store/modelStore';
import { required, type CliIO } from './args';

export const encodeHelp = `latent-explorer encode <modelDir> <image> [--json]
  The posterior q(z|x) of one image: μ and log σ² per latent dimension.`;

export async function runEncode(argv: string[], io: CliIO): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const dir = required('<modelDir>', positionals[0]);
  const image = required('<image>', positionals[1]);
  await initBackend();
  const { model, manifest } = await loadModel(dir);
  try {
    const [height, width, channels] = manifest.model.inputShape;
    const pixels = await prepareImageFile(image, { height, width, channels: channels as 1 | 3 });
    const { mu, logvar } = tf.tidy(() => model.encode(tf.div(tf.tensor2d(pixels, [1, pixels.length], 'float32'), 255) as tf.Tensor2D));
    const result = { mu: Array.from(mu.dataSync()), logvar: Array.from(logvar.dataSync()) };
    tf.dispose([mu, logvar]);
    if (o.json) io.out(JSON.stringify(result));
    else result.mu.forEach((m, i) => io.out(`z${i}: μ ${m.toFixed(4)}  σ ${Math.exp(result.logvar[i] / 2).toFixed(4)}`));
    return 0;
  } finally {
    model.dispose();
  }
}
