// Prior samples drawn in the job process, for models the page cannot decode: a PixelCNN decoder draws one pixel
// per network pass (H·W passes per image), with progress after each row and cancel between rows. Any other model
// decodes its prior samples in one pass here too, so the request works for every model.
import * as tf from '@tensorflow/tfjs-core';
import { unitToBytes } from '../engine/batches';
import { samplePriorMeans } from '../engine/generate';
import type { VaeModel } from '../engine/models/base';
import { PixelCnnVae } from '../engine/models/pixelcnn/pixelcnnVae';
import type { SamplingHooks } from '../engine/models/pixelcnn/sampler';
import type { JobSamplesReply } from '../protocol/jobSamples';

/** `count` images from z ~ p(z) at `temperature`, as uint8 pixels; cancelled: null pixels. */
export async function priorSamplesInJob(model: VaeModel, count: number, temperature: number, seed: number, hooks: SamplingHooks = {}): Promise<JobSamplesReply> {
  const [height, width, channels] = model.config.inputShape;
  const started = performance.now();
  let values: Float32Array | null;
  if (model instanceof PixelCnnVae) {
    const z = model.samplePriorLatents(count, seed, temperature);
    try {
      values = await model.sample(z, seed, hooks);
    } finally {
      tf.dispose(z);
    }
  } else {
    values = samplePriorMeans(model, count, seed, temperature);
    hooks.onProgress?.(height * width, height * width);
  }
  const seconds = (performance.now() - started) / 1000;
  if (!values) return { status: 'cancelled' };
  return { status: 'done', pixels: unitToBytes(values), count, height, width, channels: channels === 3 ? 3 : 1, seconds };
}
