// Samples decoded in the page, from the prior and from the aggregate posterior's fitted mixture: a temperature
// slider and a re-roll button for both.
import type { PageVae } from './pageVae';
import { lookupCodes, uniformCodes } from './codeGrid';
import { drawGrid } from './imageGrid';
import { sampleCodeGrids } from '../shared/codePrior';
import { sampleMixture, type GaussianMixture } from '../shared/gaussianMixture';

export const SAMPLE_COUNT = 32;

export interface SampleSettings {
  temperature: number;
  seed: number;
}

/** Decodes and draws SAMPLE_COUNT samples of the model's own prior (N(0, I), its MoG or VampPrior); returns the pixels and the decode time in ms. */
export function drawSamples(canvas: HTMLCanvasElement, decoder: PageVae, inputShape: [number, number, number], s: SampleSettings): { pixels: Uint8Array; ms: number } {
  const [h, w, c] = inputShape;
  const started = performance.now();
  // a VQ-VAE samples its discrete prior: code grids cell by cell from its autoregressive prior (logits / T), or
  // without one a code per cell uniform over the K codes (temperature does not apply)
  const cb = decoder.codebook;
  const prior = cb && decoder.codePrior;
  const codes = cb && (prior ? sampleCodeGrids(prior, SAMPLE_COUNT, s.temperature, s.seed) : uniformCodes(SAMPLE_COUNT, cb, s.seed));
  const z = cb && codes ? lookupCodes(codes, cb) : decoder.priorSampleCodes(SAMPLE_COUNT, s.temperature, s.seed);
  const pixels = decoder.decode(z, SAMPLE_COUNT);
  const ms = performance.now() - started;
  drawGrid(canvas, pixels, SAMPLE_COUNT, h, w, c as 1 | 3, 8);
  return { pixels, ms };
}

/** Decodes and draws SAMPLE_COUNT samples of the fitted mixture (same seed and temperature as the prior's); returns the pixels. */
export function drawMixtureSamples(canvas: HTMLCanvasElement, decoder: PageVae, inputShape: [number, number, number], mixture: GaussianMixture, s: SampleSettings): Uint8Array {
  const [h, w, c] = inputShape;
  const pixels = decoder.decode(sampleMixture(mixture, SAMPLE_COUNT, s.temperature, s.seed), SAMPLE_COUNT);
  drawGrid(canvas, pixels, SAMPLE_COUNT, h, w, c as 1 | 3, 8);
  return pixels;
}
