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
  /**
   * A conditional VAE's label: the layer reads its input row followed by a one-hot condition of this many columns
   * (inSize counts both), so the network's caller passes the condition beside the data (see runNetwork).
   */
  condition?: number;
}

/**
 * A 2-D convolution (`conv2d`) or its transpose (`conv2dTranspose`, the gradient of a conv2d w.r.t. its input, as
 * in PyTorch's ConvTranspose2d) with zero padding `pad` on every side, then its activation. Activations between
 * layers stay flat rows: a conv layer reads its row as an NHWC image of `inShape` and writes `outShape` flattened
 * the same way, so a dense layer after it is PyTorch's flatten in NHWC order and no reshape step is needed.
 * Weights in tfjs's layout: a conv2d kernel is [kh, kw, in, out], a conv2dTranspose kernel [kh, kw, out, in]
 * (the kernel of the conv2d it transposes); PyTorch stores [out, in, kh, kw] and [in, out, kh, kw].
 */
export interface ConvLayer {
  op: 'conv2d' | 'conv2dTranspose';
  kernel: string;
  bias: string;
  /** [height, width, channels] of the input image. */
  inShape: [number, number, number];
  outShape: [number, number, number];
  kernelSize: [number, number];
  strides: [number, number];
  /** Zero rows/columns added on each side (PyTorch's `padding`). */
  pad: number;
  activation: Activation;
}

/** A layer kind is one entry of this union, with its own op in NetworkOps. */
export type LayerDesc = DenseLayer | ConvLayer;

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
  /** Absent on a side that cannot run convolutions: runNetwork then refuses a conv network by name. */
  conv?(x: T, kernel: W, bias: W, layer: ConvLayer, activation: 'linear' | 'relu', onInput: boolean): T;
  sigmoid(x: T): T;
  /** [x | c] row by row; needed only by networks with a conditioned layer (DenseLayer.condition). */
  concat?(x: T, c: T): T;
}

/** Looks a weight up by its stored name; throws if the weights lack it. */
export type WeightLookup<W> = (name: string) => W;

/**
 * Applies the layers in order. `inputIsData`: x is the data batch (see NetworkOps.dense). `condition`: the one-hot
 * rows a conditioned layer appends to its input (a CVAE's labels).
 */
export function runNetwork<T, W>(net: NetworkDesc, weight: WeightLookup<W>, x: T, ops: NetworkOps<T, W>, inputIsData = false, condition?: T): T {
  let h = x;
  net.layers.forEach((layer, i) => {
    const onInput = inputIsData && i === 0;
    if (layer.op === 'dense' && layer.condition) {
      if (condition === undefined) throw new Error(`layer "${layer.kernel}" is conditioned on a label, and none was given`);
      if (!ops.concat) throw new Error(`these network ops cannot append the label layer "${layer.kernel}" reads`);
      h = ops.concat(h, condition);
    }
    const activation = layer.activation === 'relu' ? 'relu' : 'linear';
    if (layer.op === 'dense') h = ops.dense(h, weight(layer.kernel), weight(layer.bias), activation, onInput);
    else if (ops.conv) h = ops.conv(h, weight(layer.kernel), weight(layer.bias), layer, activation, onInput);
    else throw new Error(`these network ops cannot run the ${layer.op} layer "${layer.kernel}"`);
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

const product = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** Size of the flat row a layer reads. */
export function layerInSize(layer: LayerDesc): number {
  return layer.op === 'dense' ? layer.inSize : product(layer.inShape);
}

/** Size of the flat row a layer writes. */
export function layerOutSize(layer: LayerDesc): number {
  return layer.op === 'dense' ? layer.outSize : product(layer.outShape);
}

/** The stored shapes of a layer's kernel and bias (see DenseLayer and ConvLayer for the layouts). */
export function layerWeightShapes(layer: LayerDesc): { kernel: number[]; bias: number[] } {
  if (layer.op === 'dense') return { kernel: [layer.inSize, layer.outSize], bias: [layer.outSize] };
  const [kh, kw] = layer.kernelSize;
  const cin = layer.inShape[2];
  const cout = layer.outShape[2];
  return { kernel: layer.op === 'conv2d' ? [kh, kw, cin, cout] : [kh, kw, cout, cin], bias: [cout] };
}

/**
 * The fan-in PyTorch's default initialisation uses (bound 1/√fan_in for kernel and bias): in·kh·kw for a Conv2d;
 * for a ConvTranspose2d PyTorch reads it from dimension 1 of its [in, out, kh, kw] weight, i.e. out·kh·kw.
 */
export function layerFanIn(layer: LayerDesc): number {
  if (layer.op === 'dense') return layer.inSize;
  const [kh, kw] = layer.kernelSize;
  return kh * kw * (layer.op === 'conv2d' ? layer.inShape[2] : layer.outShape[2]);
}

/**
 * `pad` zero rows and columns on every side as tfjs's explicit padding (NHWC). A bare number would make tfjs size
 * both axes with the kernel's height and stride, which is wrong when they differ per axis (a 16×6 image: a 4×3
 * kernel with strides 2 and 1).
 */
export function explicitPad(pad: number): [[number, number], [number, number], [number, number], [number, number]] {
  return [[0, 0], [pad, pad], [pad, pad], [0, 0]];
}
