// A network as plain data (a list of layers naming their weights) and the one interpreter that runs it. The job
// process, the page's tfjs batches and the page's plain-JS single-code decoder all run the same description, each
// with its own ops: so a layout change (a new layer, a new network) is made once and every side follows.
// Browser-safe: no tfjs here; the ops bring the arithmetic.

/** What follows a layer's affine map. */
export type Activation = 'linear' | 'relu' | 'sigmoid';

/** y = act(x·W + b) with W [inSize, outSize] (row-major, tfjs layout) and b [outSize]. */
export interface DenseLayer {
  op: 'dense';
  kernel: string;
  bias: string;
  inSize: number;
  outSize: number;
  activation: Activation;
}

/** A layer kind is one entry of this union; a convolutional layer joins it with its own ops. */
export type LayerDesc = DenseLayer;

export interface NetworkDesc {
  /** Size of one input row. */
  inSize: number;
  /** Size of one output row. */
  outSize: number;
  layers: LayerDesc[];
}

/**
 * The arithmetic a side brings: T is its activation type (a tfjs batch, a Float32Array…), W its weight type.
 * `onInput` marks the first layer applied to the raw data batch, whose input gradient the engine can skip.
 */
export interface NetworkOps<T, W> {
  dense(x: T, kernel: W, bias: W, activation: 'linear' | 'relu', onInput: boolean): T;
  sigmoid(x: T): T;
}

/** Looks a weight up by its stored name; throws if the weights lack it. */
export type WeightLookup<W> = (name: string) => W;

/** Applies the layers in order. `inputIsData`: x is the data batch (see NetworkOps.dense). */
export function runNetwork<T, W>(net: NetworkDesc, weight: WeightLookup<W>, x: T, ops: NetworkOps<T, W>, inputIsData = false): T {
  let h = x;
  net.layers.forEach((layer, i) => {
    const onInput = inputIsData && i === 0;
    h = ops.dense(h, weight(layer.kernel), weight(layer.bias), layer.activation === 'relu' ? 'relu' : 'linear', onInput);
    if (layer.activation === 'sigmoid') h = ops.sigmoid(h);
  });
  return h;
}

/** A lookup over a Map that names the missing weight instead of failing later on `undefined`. */
export function lookupIn<W>(weights: ReadonlyMap<string, W>): WeightLookup<W> {
  return (name) => {
    const w = weights.get(name);
    if (w === undefined) throw new Error(`the weights have no "${name}"`);
    return w;
  };
}

/** The names of every weight a network reads, in layer order. */
export function weightNames(net: NetworkDesc): string[] {
  return net.layers.flatMap((l) => [l.kernel, l.bias]);
}
