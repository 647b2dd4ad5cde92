import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { prepareImageFile } from '../data/prepareImage';
import { initBackend } from '../engine/backend';
import { isConditional, labelIndex, labelTensor } from '../engine/condition';
import { labelPosterior } from '../engine/labelPosterior';
import { loadModel } from '../store/modelStore';
import { required, type CliIO } from './args';

export const encodeHelp = `latent-explorer encode <modelDir> <image> [--label NAME] [--json]
  The posterior q(z|x) of one image: μ and log σ² per latent dimension. A conditional model (cvae) encodes under
  --label NAME, or, without it, under the label it finds most likely: p(y|x) ∝ exp ELBO(x|y), reported as well.`;

export async function runEncode(argv: string[], io: CliIO): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, label: { type: 'string' } } });
  const dir = required('<modelDir>', positionals[0]);
  const image = required('<image>', positionals[1]);
  await initBackend();
  const { model, manifest } = await loadModel(dir);
  try {
    const [height, width, channels] = manifest.model.inputShape;
    const pixels = await prepareImageFile(image, { height, width, channels: channels as 1 | 3 });
    const x = tf.tidy(() => tf.div(tf.tensor2d(pixels, [1, pixels.length], 'float32'), 255) as tf.Tensor2D);
    let label: { name: string; inferred: boolean; probabilities?: Record<string, number> } | undefined;
    let y: tf.Tensor2D | undefined;
    if (o.label !== undefined || isConditional(model.config)) {
      const names = model.config.labels ?? [];
      if (o.label !== undefined) {
        label = { name: o.label, inferred: false };
        y = labelTensor(model.config, [labelIndex(model.config, o.label)]);
      } else {
        const p = await labelPosterior(model, x);
        label = { name: names[p.best], inferred: true, probabilities: Object.fromEntries(names.map((n, i) => [n, p.probabilities[i]])) };
        y = labelTensor(model.config, [p.best]);
      }
    }
    const { mu, logvar } = model.encode(x, y);
    const result = { mu: Array.from(mu.dataSync()), logvar: Array.from(logvar.dataSync()), ...(label ? { label } : {}) };
    tf.dispose([x, y, mu, logvar]);
    if (o.json) io.out(JSON.stringify(result));
    else {
      if (label) io.out(label.inferred ? `label ${label.name} (inferred: p(y|x) ${(100 * label.probabilities![label.name]).toFixed(1)}%)` : `label ${label.name}`);
      result.mu.forEach((m, i) => io.out(`z${i}: μ ${m.toFixed(4)}  σ ${Math.exp(result.logvar[i] / 2).toFixed(4)}`));
    }
    return 0;
  } finally {
    model.dispose();
  }
}
