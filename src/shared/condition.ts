// The conditional VAE's wiring (Sohn et al. 2015) as a change to any architecture's description: the one-hot label
// is appended to the encoder's first dense layer input (for an MLP: the image row; for a conv net: the flattened
// features) and to the decoder's input z. Each side's interpreter (runNetwork) does the concatenation, so the
// engine, the page's tfjs decoder and its plain-JS decoder all decode under a label from the same description.
import type { VaeArchitecture, WeightSpec } from './architecture';
import type { DenseLayer, NetworkDesc } from './network';

/** The network with its first dense layer reading `labels` more columns: its one-hot condition. */
function conditionFirstDense(net: NetworkDesc, labels: number): NetworkDesc {
  const at = net.layers.findIndex((l) => l.op === 'dense');
  if (at < 0) throw new Error('a conditional VAE needs a dense layer to append the label to');
  const layer = net.layers[at] as DenseLayer;
  const layers = net.layers.slice();
  layers[at] = { ...layer, inSize: layer.inSize + labels, condition: labels };
  return { ...net, layers };
}

/**
 * The architecture conditioned on a label of `labels` classes. With no encoder trunk the heads read the data, so
 * both heads take the label. Kernel shapes grow by the label rows ([in + K, out]); names stay the same.
 */
export function conditionOnLabel(a: VaeArchitecture, labels: number): VaeArchitecture {
  const trunk = a.encoder.layers.length > 0;
  const out: VaeArchitecture = {
    ...a,
    encoder: trunk ? conditionFirstDense(a.encoder, labels) : a.encoder,
    mu: trunk ? a.mu : conditionFirstDense(a.mu, labels),
    logvar: trunk ? a.logvar : conditionFirstDense(a.logvar, labels),
    decoder: conditionFirstDense(a.decoder, labels),
  };
  const grown = new Map<string, DenseLayer>();
  for (const net of [out.encoder, out.mu, out.logvar, out.decoder]) {
    for (const l of net.layers) if (l.op === 'dense' && l.condition) grown.set(l.kernel, l);
  }
  const weights: WeightSpec[] = a.weights.map((w) => {
    const l = grown.get(w.name);
    return l ? { name: w.name, shape: [l.inSize, l.outSize] } : w;
  });
  return { ...out, weights };
}

/** One-hot rows [n, labels] (row-major) for label indices. */
export function oneHot(indices: ArrayLike<number>, labels: number): Float32Array {
  const out = new Float32Array(indices.length * labels);
  for (let i = 0; i < indices.length; i++) out[i * labels + indices[i]] = 1;
  return out;
}
