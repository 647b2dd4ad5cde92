// The PixelCNN decoder (ModelConfig.decoder 'pixelcnn'; van den Oord et al. 2016, "Pixel Recurrent Neural
// Networks" §3.4, conditioned on z as in "Conditional Image Generation with PixelCNN Decoders" §2.3), plain data
// like ./conv.ts. p(x|z) = Π_i p(x_i | x_<i, z) in raster order, each factor a Bernoulli whose logit is read off
// a stack of masked convolutions over the image itself:
//   layer 0: 7×7 mask A, 1 → 32 channels (a pixel never sees itself), ReLU
//   layers 1…5: 3×3 mask B, 32 → 32 (a pixel sees its own position's features, which saw only x_<i), ReLU, each
//     added to its input (a residual connection, as the paper's PixelCNN: the stack trains from the first step)
//   out: 1×1, 32 → 1, the logits
// z enters every hidden layer as a per-channel bias V_l·z (location-independent conditioning, the cited paper's
// h-term), before the ReLU. Depth 7 conv layers; receptive field (with the blind spot stacked masks leave to the
// upper right) up to 8 rows above and 8 columns to either side: 3 from the 7×7 mask A plus 1 per 3×3 mask B.
// Weights `decoder/pixelcnn<l>/kernel` [k, k, in, out], `/bias` [out], `/cond` [latentDim, out], `decoder/out/…`.
import type { ConvLayer } from '../network';
import type { WeightSpec } from '../architecture';

/** The fixed geometry: one mask-A layer, HIDDEN_B mask-B layers of CHANNELS, a 1×1 output. */
export const PIXELCNN = { channels: 32, firstKernel: 7, kernel: 3, hiddenB: 5 } as const;

/** Images the decoder is made for: one gray channel, no side over this (sampling costs H·W network passes). */
export const PIXELCNN_MAX_SIDE = 32;

export type MaskType = 'A' | 'B';

/** A masked convolution at stride 1 with `same` padding; `cond` names the z → per-channel bias weight (none on the output). */
export interface MaskedConvLayer extends ConvLayer {
  mask: MaskType;
  cond: string | null;
  /** The layer's output is added to its input (h + relu(conv(h) + b + V·z)). */
  residual: boolean;
}

export interface PixelCnnDesc {
  layers: MaskedConvLayer[];
  /** How far the logit of pixel (r, c) can look: rows above, columns to the left and to the right. */
  receptiveField: { up: number; left: number; right: number };
}

function masked(name: string, h: number, w: number, k: number, cin: number, cout: number, mask: MaskType, cond: boolean, residual = false): MaskedConvLayer {
  return {
    op: 'conv2d',
    kernel: `${name}/kernel`,
    bias: `${name}/bias`,
    inShape: [h, w, cin],
    outShape: [h, w, cout],
    kernelSize: [k, k],
    strides: [1, 1],
    pad: (k - 1) / 2,
    activation: cond ? 'relu' : 'linear',
    mask,
    cond: cond ? `${name}/cond` : null,
    residual,
  };
}

/** The decoder for images of [h, w, 1], by the fixed geometry above. */
export function pixelCnnDecoder(inputShape: [number, number, number]): PixelCnnDesc {
  const [h, w] = inputShape;
  const c = PIXELCNN.channels;
  const layers = [masked('decoder/pixelcnn0', h, w, PIXELCNN.firstKernel, 1, c, 'A', true)];
  for (let l = 1; l <= PIXELCNN.hiddenB; l++) layers.push(masked(`decoder/pixelcnn${l}`, h, w, PIXELCNN.kernel, c, c, 'B', true, true));
  layers.push(masked('decoder/out', h, w, 1, c, 1, 'B', false));
  return { layers, receptiveField: receptiveFieldOf(layers) };
}

/** Each k×k layer adds (k − 1)/2 rows above and columns either side; the union over the stack. */
export function receptiveFieldOf(layers: readonly MaskedConvLayer[]): PixelCnnDesc['receptiveField'] {
  const reach = layers.reduce((s, l) => s + (l.kernelSize[0] - 1) / 2, 0);
  return { up: reach, left: reach, right: reach };
}

/** Every weight the decoder reads, in stored order: per layer kernel, bias, then its conditioning. */
export function pixelCnnWeightSpecs(desc: PixelCnnDesc, latentDim: number): WeightSpec[] {
  return desc.layers.flatMap((l) => {
    const [kh, kw] = l.kernelSize;
    const specs = [
      { name: l.kernel, shape: [kh, kw, l.inShape[2], l.outShape[2]] },
      { name: l.bias, shape: [l.outShape[2]] },
    ];
    return l.cond ? [...specs, { name: l.cond, shape: [latentDim, l.outShape[2]] }] : specs;
  });
}

/** The decoder's depth and reach in words, for the CLI, the panel and the docs. */
export function describePixelCnn(desc: PixelCnnDesc): string {
  const rf = desc.receptiveField;
  return `PixelCNN decoder: ${desc.layers.length} masked conv layers (7×7 mask A, ${PIXELCNN.hiddenB} residual 3×3 mask B, 1×1 out; ${PIXELCNN.channels} channels), receptive field ${rf.up} rows up, ${rf.left} columns either side`;
}
