// The VAE-GAN's discriminator (model 'vaegan', Larsen et al. 2016), plain data like ./conv.ts whose conv stages it
// reuses: the image through the conv VAE's stages (ReLU) gives the features Dis_l(x) that the reconstruction is
// compared on (the paper's "learned similarity metric", their l-th layer; here the last conv stage, 7×7×64 for
// 28×28), then a dense layer of 256 (ReLU) and a linear unit: the logit of D(x), the probability that x is data.
// Weights `discriminator/conv<i>/…`, `discriminator/dense0/…`, `discriminator/out/…`. The page never runs it; it is
// stored with the model so that training can resume and the feature-matching loss can be measured again.
import { layerWeightShapes, type NetworkDesc } from '../network';
import { convStages } from './conv';

type Shape = [number, number, number];

/** The discriminator's two halves: image → features Dis_l(x); features → logit of D(x). */
export interface DiscriminatorDesc {
  features: NetworkDesc;
  head: NetworkDesc;
}

/** Units of the dense layer between the features and the logit. */
const HEAD_UNITS = 256;

const size = (s: Shape) => s[0] * s[1] * s[2];

export function discriminatorNetworks(inputShape: Shape): DiscriminatorDesc {
  const stages = convStages(inputShape);
  const features: NetworkDesc = {
    inSize: size(inputShape),
    outSize: stages.length ? size(stages[stages.length - 1].outShape) : size(inputShape),
    layers: stages.map((st, i) => ({
      op: 'conv2d' as const,
      kernel: `discriminator/conv${i}/kernel`,
      bias: `discriminator/conv${i}/bias`,
      inShape: st.inShape,
      outShape: st.outShape,
      kernelSize: st.kernelSize,
      strides: st.strides,
      pad: 1,
      activation: 'relu' as const,
    })),
  };
  const head: NetworkDesc = {
    inSize: features.outSize,
    outSize: 1,
    layers: [
      { op: 'dense', kernel: 'discriminator/dense0/kernel', bias: 'discriminator/dense0/bias', inSize: features.outSize, outSize: HEAD_UNITS, activation: 'relu' },
      { op: 'dense', kernel: 'discriminator/out/kernel', bias: 'discriminator/out/bias', inSize: HEAD_UNITS, outSize: 1, activation: 'linear' },
    ],
  };
  return { features, head };
}

/** The discriminator's weights in stored order (after the VAE's). */
export function discriminatorWeightSpecs(d: DiscriminatorDesc): { name: string; shape: number[] }[] {
  return [...d.features.layers, ...d.head.layers].flatMap((l) => {
    const { kernel, bias } = layerWeightShapes(l);
    return [
      { name: l.kernel, shape: kernel },
      { name: l.bias, shape: bias },
    ];
  });
}
