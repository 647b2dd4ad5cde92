// The VQ-VAE's networks (model 'vqvae', van den Oord et al. 2017), plain data like ./conv.ts whose conv stages they
// reuse: the encoder is the conv VAE's stack up to its last grid (no flatten, no dense layers) and a 1×1
// convolution to D channels, so every cell of the grid is one D-dim vector z_e to quantise; the decoder reads the
// quantised grid z_q flattened (NHWC), a 1×1 convolution back to the last stage's channels, then the stages
// transposed. 28×28 → 14×14×32 → 7×7×64 → 7×7×D; 64×64 → 4×4×D. Weights `encoder/conv<i>/…`, `encoder/pre_vq/…`,
// `decoder/post_vq/…`, `decoder/deconv<i>/…`, `decoder/out/…`; the codebook is `vq/codebook` [K, D].
import type { Activation, ConvLayer, NetworkDesc } from '../network';
import { convStages, type ConvStage } from './conv';

type Shape = [number, number, number];

/** The stored name of the codebook [K, D]. */
export const CODEBOOK_WEIGHT = 'vq/codebook';

/** [height, width] of the code grid for an image of inputShape: the last conv stage's grid (the image itself when none). */
export function codeGridOf(inputShape: Shape): [number, number] {
  const stages = convStages(inputShape);
  const last = stages.length ? stages[stages.length - 1].outShape : inputShape;
  return [last[0], last[1]];
}

/** The last grid's channels before the 1×1 projection (the image's when there is no stage). */
function lastChannels(inputShape: Shape, stages: ConvStage[]): number {
  return stages.length ? stages[stages.length - 1].outShape[2] : inputShape[2];
}

function layer(op: ConvLayer['op'], name: string, inShape: Shape, outShape: Shape, kernelSize: [number, number], strides: [number, number], pad: number, activation: Activation): ConvLayer {
  return { op, kernel: `${name}/kernel`, bias: `${name}/bias`, inShape, outShape, kernelSize, strides, pad, activation };
}

const size = (s: Shape) => s[0] * s[1] * s[2];

/** x → conv stages (ReLU) → 1×1 conv to D channels (linear): z_e, the grid of vectors to quantise, flattened NHWC. */
export function vqEncoder(inputShape: Shape, codeDim: number): NetworkDesc {
  const stages = convStages(inputShape);
  const layers: ConvLayer[] = stages.map((st, i) => layer('conv2d', `encoder/conv${i}`, st.inShape, st.outShape, st.kernelSize, st.strides, 1, 'relu'));
  const [gh, gw] = codeGridOf(inputShape);
  const grid: Shape = [gh, gw, lastChannels(inputShape, stages)];
  layers.push(layer('conv2d', 'encoder/pre_vq', grid, [gh, gw, codeDim], [1, 1], [1, 1], 0, 'linear'));
  return { inSize: size(inputShape), outSize: gh * gw * codeDim, layers };
}

/** z_q (flattened NHWC grid) → 1×1 conv (ReLU) → the stages transposed (ReLU, the last linear) → raw pixel parameters. */
export function vqDecoder(inputShape: Shape, codeDim: number): NetworkDesc {
  const stages = convStages(inputShape);
  const [gh, gw] = codeGridOf(inputShape);
  const grid: Shape = [gh, gw, lastChannels(inputShape, stages)];
  const layers: ConvLayer[] = [];
  // with no conv stage the 1×1 convolution is the output layer itself
  if (stages.length === 0) {
    layers.push(layer('conv2d', 'decoder/out', [gh, gw, codeDim], inputShape, [1, 1], [1, 1], 0, 'linear'));
  } else {
    layers.push(layer('conv2d', 'decoder/post_vq', [gh, gw, codeDim], grid, [1, 1], [1, 1], 0, 'relu'));
    for (let i = stages.length - 1; i >= 0; i--) {
      const st = stages[i];
      const name = i === 0 ? 'decoder/out' : `decoder/deconv${stages.length - 1 - i}`;
      layers.push(layer('conv2dTranspose', name, st.outShape, st.inShape, st.kernelSize, st.strides, 1, i === 0 ? 'linear' : 'relu'));
    }
  }
  return { inSize: gh * gw * codeDim, outSize: size(inputShape), layers };
}
