// Small datasets made in memory for engine tests: no files, no dependency on the loader.
import type { Dataset } from '../../src/data/types';
import { Rng } from '../../src/shared/rng';
import type { ModelConfig } from '../../src/shared/types';

/** n images of h×w gray: a bright square at one of `classes` positions plus noise, so a VAE has structure to learn. */
export function syntheticDataset(n: number, h = 8, w = 8, classes = 4, seed = 3): Dataset {
  const rng = new Rng(seed);
  const images = new Uint8Array(n * h * w);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    const oy = (c >> 1) * (h >> 1);
    const ox = (c & 1) * (w >> 1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inside = y >= oy && y < oy + (h >> 1) && x >= ox && x < ox + (w >> 1);
        images[i * h * w + y * w + x] = inside ? 200 + Math.floor(rng.next() * 55) : Math.floor(rng.next() * 30);
      }
    }
  }
  return {
    images,
    count: n,
    height: h,
    width: w,
    channels: 1,
    labels,
    labelNames: Array.from({ length: classes }, (_, i) => `c${i}`),
    sources: Array.from({ length: n }, (_, i) => `synthetic#${i}`),
    report: { root: 'synthetic', loaded: n, skipped: [], resized: 0, channelConverted: 0 },
  };
}

export function tinyConfig(over: Partial<ModelConfig> = {}): ModelConfig {
  return { kind: 'mlp-vae', inputShape: [8, 8, 1], hidden: [16], latentDim: 3, likelihood: 'bernoulli', decoderScale: 0.1, ...over };
}
