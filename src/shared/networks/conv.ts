// The convolutional networks (`net: 'conv'`): a stack of stride-2 convolutions, dense layers, and a decoder that
// mirrors them with transposed convolutions. Plain data (see ../network.ts), weights named
// `encoder/conv<i>/…`, `encoder/dense<i>/…`, `decoder/dense<i>/…`, `decoder/deconv<i>/…` and `decoder/out/…`.
//
// The rule for the conv stack, for an H×W×C image: while the larger side is 8 or more, add a stage; in a stage an
// axis whose side is 8 or more is halved by a 4-wide kernel, stride 2, padding 1 (side → ⌊side/2⌋, PyTorch's
// Conv2d(k4, s2, p1)), and a shorter axis keeps its size (3-wide kernel, stride 1, padding 1). The first half of
// the stages have 32 channels, the rest 64. So 28×28 → 14×14×32 → 7×7×64 (the benchmark's reference conv VAE) and
// 64×64 → 32, 16, 8, 4 with 32, 32, 64, 64 channels (disentanglement_lib's conv VAE). An odd side loses its last
// row to the floor; the decoder's transposed convolution gives it back (PyTorch: output_padding 1), since each
// decoder stage produces exactly the shape its encoder stage read. Images under 8×8 get no conv stage at all.
import type { Activation, ConvLayer, NetworkDesc } from '../network';

type Shape = [number, number, number];

/** One encoder stage: its input and output images and its kernel geometry. */
export interface ConvStage {
  inShape: Shape;
  outShape: Shape;
  kernelSize: [number, number];
  strides: [number, number];
}

/** Stages stop once the larger side is below this (28 → 7, 64 → 4). */
const MIN_SIDE = 8;

/** The encoder's conv stages for an input of [height, width, channels], by the rule above. */
export function convStages(inputShape: Shape): ConvStage[] {
  const sides: number[] = [];
  for (let s = Math.max(inputShape[0], inputShape[1]); s >= MIN_SIDE; s = Math.floor(s / 2)) sides.push(s);
  const n = sides.length;
  const stages: ConvStage[] = [];
  let shape = inputShape;
  for (let i = 0; i < n; i++) {
    const axis = (side: number) => (side >= MIN_SIDE ? { k: 4, s: 2, out: Math.floor(side / 2) } : { k: 3, s: 1, out: side });
    const y = axis(shape[0]);
    const x = axis(shape[1]);
    const out: Shape = [y.out, x.out, i < n / 2 ? 32 : 64];
    stages.push({ inShape: shape, outShape: out, kernelSize: [y.k, x.k], strides: [y.s, x.s] });
    shape = out;
  }
  return stages;
}

function convLayer(op: ConvLayer['op'], name: string, stage: ConvStage, inShape: Shape, outShape: Shape, activation: Activation): ConvLayer {
  return { op, kernel: `${name}/kernel`, bias: `${name}/bias`, inShape, outShape, kernelSize: stage.kernelSize, strides: stage.strides, pad: 1, activation };
}

function denseLayers(prefix: string, first: number, inSize: number, sizes: readonly number[], last: Activation): NetworkDesc['layers'] {
  let width = inSize;
  return sizes.map((size, i) => {
    const layer = { op: 'dense' as const, kernel: `${prefix}/dense${first + i}/kernel`, bias: `${prefix}/dense${first + i}/bias`, inSize: width, outSize: size, activation: i === sizes.length - 1 ? last : ('relu' as const) };
    width = size;
    return layer;
  });
}

const size = (s: Shape) => s[0] * s[1] * s[2];

/** The encoder's trunk: the conv stages (ReLU), flattened, then dense `hidden` layers (ReLU). */
export function convEncoder(inputShape: Shape, hidden: readonly number[]): NetworkDesc {
  const stages = convStages(inputShape);
  const layers: NetworkDesc['layers'] = stages.map((st, i) => convLayer('conv2d', `encoder/conv${i}`, st, st.inShape, st.outShape, 'relu'));
  const features = stages.length ? size(stages[stages.length - 1].outShape) : size(inputShape);
  layers.push(...denseLayers('encoder', 0, features, hidden, 'relu'));
  return { inSize: size(inputShape), outSize: hidden.length ? hidden[hidden.length - 1] : features, layers };
}

/**
 * z → dense layers (the hidden sizes reversed, ReLU) → a dense layer to the last stage's features (ReLU) → the
 * stages transposed in reverse order (ReLU, the last linear, named `decoder/out`) → the likelihood's raw
 * parameters for every pixel. With no conv stage the last dense layer is `decoder/out` (an MLP decoder).
 */
export function convDecoder(inputShape: Shape, hidden: readonly number[], latentDim: number): NetworkDesc {
  const stages = convStages(inputShape);
  const layers: NetworkDesc['layers'] = denseLayers('decoder', 0, latentDim, [...hidden].reverse(), 'relu');
  const width = hidden.length ? hidden[0] : latentDim;
  if (stages.length === 0) {
    layers.push({ op: 'dense', kernel: 'decoder/out/kernel', bias: 'decoder/out/bias', inSize: width, outSize: size(inputShape), activation: 'linear' });
  } else {
    layers.push(...denseLayers('decoder', hidden.length, width, [size(stages[stages.length - 1].outShape)], 'relu'));
    for (let i = stages.length - 1; i >= 0; i--) {
      const st = stages[i];
      const name = i === 0 ? 'decoder/out' : `decoder/deconv${stages.length - 1 - i}`;
      layers.push(convLayer('conv2dTranspose', name, st, st.outShape, st.inShape, i === 0 ? 'linear' : 'relu'));
    }
  }
  return { inSize: latentDim, outSize: size(inputShape), layers };
}
