// The MLP network: a stack of dense layers, ReLU between them. Plain data (see ../network.ts); its weights are
// `<prefix>/dense<i>/{kernel,bias}` for hidden layers and `<prefix>/<head>/{kernel,bias}` for the output layer,
// the names every saved model uses.
import type { Activation, NetworkDesc } from '../network';

/**
 * Dense layers inSize → hidden[0] → … → hidden[n−1] (ReLU), then an output layer → outSize with `last`
 * (named `<prefix>/<head>`). With no output layer (`head` null) the network ends at the last hidden layer.
 */
export function mlpNetwork(
  prefix: string,
  inSize: number,
  hidden: readonly number[],
  out: { head: string; size: number; activation: Activation } | null,
): NetworkDesc {
  const layers: NetworkDesc['layers'] = [];
  let width = inSize;
  const add = (name: string, size: number, activation: Activation) => {
    layers.push({ op: 'dense', kernel: `${name}/kernel`, bias: `${name}/bias`, inSize: width, outSize: size, activation });
    width = size;
  };
  hidden.forEach((h, i) => add(`${prefix}/dense${i}`, h, 'relu'));
  if (out) add(`${prefix}/${out.head}`, out.size, out.activation);
  return { inSize, outSize: width, layers };
}
