// One of our networks (shared/network.ts: plain data) as ONNX nodes: dense → Gemm, conv2d → Conv, conv2dTranspose →
// ConvTranspose, ReLU/sigmoid → Relu/Sigmoid, a CVAE's label → Concat, and Flatten/Reshape where a dense layer meets
// an image. Images are NCHW tensors in the graph; weightLayout.ts says how our NHWC weights are reordered for that.
import type { ConvLayer, DenseLayer, LayerDesc, NetworkDesc } from '../../shared/network';
import type { AttributeValue, NodeSpec, TensorInit } from './onnxProto';
import { convKernelToOnnx, nchwToNhwcIndex, outputPadding, permuteColumns, permuteRows, permuteVector, type ImageShape } from './weightLayout';

/**
 * A tensor of the graph and how the engine sees it. `image`: a 4-D NCHW tensor of `shape` (engine: [H, W, C]).
 * `flat`: [N, size]; with `from`, a flattened image whose columns are in NCHW order where the engine has NHWC.
 */
export type GraphValue = { name: string; kind: 'image'; shape: ImageShape } | { name: string; kind: 'flat'; from?: ImageShape };

/** Collects nodes and initializers under unique names. */
export class GraphBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: TensorInit[] = [];
  private count = 0;

  constructor(private readonly weights: ReadonlyMap<string, Float32Array>) {}

  weight(name: string): Float32Array {
    const w = this.weights.get(name);
    if (!w) throw new Error(`the model's weights have no "${name}"`);
    return w;
  }

  floatInit(name: string, dims: number[], values: Float32Array): string {
    this.initializers.push({ name, dims, data: { type: 'float', values } });
    return name;
  }

  /** Adds a node; its one output is `out` or a fresh name. */
  node(op: string, inputs: string[], attributes?: Record<string, AttributeValue>, out?: string): string {
    const name = `${op}_${this.count++}`;
    const output = out ?? `${name}_out`;
    this.nodes.push({ op, name, inputs, outputs: [output], attributes });
    return output;
  }

  /** Renames the tensor the last node writes (so a network's result carries its public name, e.g. `mu`). */
  renameLast(from: string, to: string): string {
    const last = this.nodes[this.nodes.length - 1];
    if (!last || last.outputs[0] !== from) throw new Error(`cannot rename "${from}": it is not the last node's output`);
    last.outputs[0] = to;
    return to;
  }

  /** An int64 [N, C, H, W] target with N = −1 (any batch) for a Reshape. */
  imageShapeInit(shape: ImageShape): string {
    const name = `shape_${shape[2]}x${shape[0]}x${shape[1]}`;
    if (!this.initializers.some((t) => t.name === name)) this.initializers.push({ name, dims: [4], data: { type: 'int64', values: [-1, shape[2], shape[0], shape[1]] } });
    return name;
  }
}

const product = (s: ImageShape) => s[0] * s[1] * s[2];

function activate(b: GraphBuilder, x: string, activation: LayerDesc['activation']): string {
  if (activation === 'relu') return b.node('Relu', [x]);
  if (activation === 'sigmoid') return b.node('Sigmoid', [x]);
  return x;
}

/** y = x·W + b as Gemm (B = W [in, out] as stored, transB 0), rows/columns reordered where images meet. */
function denseNode(b: GraphBuilder, x: GraphValue & { kind: 'flat' }, layer: DenseLayer, outImage: ImageShape | null, condition: string | undefined): GraphValue {
  let input = x.name;
  if (layer.condition) {
    if (!condition) throw new Error(`layer "${layer.kernel}" reads a label and the graph has no label input`);
    input = b.node('Concat', [input, condition], { axis: { type: 'int', value: 1 } });
  }
  let kernel = b.weight(layer.kernel);
  let bias = b.weight(layer.bias);
  if (x.from) kernel = permuteRows(kernel, layer.outSize, nchwToNhwcIndex(x.from));
  if (outImage) {
    if (product(outImage) !== layer.outSize) throw new Error(`layer "${layer.kernel}" writes ${layer.outSize} values, not an image of ${outImage.join('×')}`);
    const perm = nchwToNhwcIndex(outImage);
    kernel = permuteColumns(kernel, layer.outSize, perm);
    bias = permuteVector(bias, perm);
  }
  const w = b.floatInit(layer.kernel, [layer.inSize, layer.outSize], kernel);
  const c = b.floatInit(layer.bias, [layer.outSize], bias);
  const y = activate(b, b.node('Gemm', [input, w, c]), layer.activation);
  if (!outImage) return { name: y, kind: 'flat' };
  return { name: b.node('Reshape', [y, b.imageShapeInit(outImage)]), kind: 'image', shape: outImage };
}

/** Conv / ConvTranspose with explicit symmetric pads, as our conv layers and PyTorch's `padding` mean them. */
function convNode(b: GraphBuilder, x: GraphValue & { kind: 'image' }, layer: ConvLayer): GraphValue {
  const [kh, kw] = layer.kernelSize;
  const cin = layer.inShape[2];
  const cout = layer.outShape[2];
  const tfjsShape: [number, number, number, number] = layer.op === 'conv2d' ? [kh, kw, cin, cout] : [kh, kw, cout, cin];
  const { values, dims } = convKernelToOnnx(b.weight(layer.kernel), tfjsShape);
  const w = b.floatInit(layer.kernel, dims, values);
  const c = b.floatInit(layer.bias, [cout], b.weight(layer.bias));
  const p = layer.pad;
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: { type: 'ints', value: [kh, kw] },
    strides: { type: 'ints', value: [...layer.strides] },
    pads: { type: 'ints', value: [p, p, p, p] },
  };
  if (layer.op === 'conv2dTranspose') {
    attributes.output_padding = {
      type: 'ints',
      value: [0, 1].map((a) => outputPadding(layer.inShape[a], layer.outShape[a], layer.kernelSize[a], layer.strides[a], p)),
    };
  }
  const y = b.node(layer.op === 'conv2d' ? 'Conv' : 'ConvTranspose', [x.name, w, c], attributes);
  return { name: activate(b, y, layer.activation), kind: 'image', shape: layer.outShape };
}

/** A flat activation: an image is flattened (NCHW order, PyTorch's nn.Flatten). */
export function flatten(b: GraphBuilder, x: GraphValue): GraphValue & { kind: 'flat' } {
  if (x.kind === 'flat') return x;
  return { name: b.node('Flatten', [x.name], { axis: { type: 'int', value: 1 } }), kind: 'flat', from: x.shape };
}

/**
 * Emits the layers of `net` reading `x`; the result is named `outName`. `outImage`: the network's output is an
 * image of this shape (a decoder's), so a final dense layer is reshaped to it.
 */
export function emitNetwork(b: GraphBuilder, net: NetworkDesc, x: GraphValue, outName: string, options: { outImage?: ImageShape; condition?: string } = {}): GraphValue {
  let h = x;
  net.layers.forEach((layer, i) => {
    const next = net.layers[i + 1];
    if (layer.op === 'dense') {
      const outImage = next && next.op !== 'dense' ? next.inShape : !next ? (options.outImage ?? null) : null;
      h = denseNode(b, flatten(b, h), layer, outImage, options.condition);
    } else {
      if (h.kind !== 'image') throw new Error(`the ${layer.op} layer "${layer.kernel}" reads a flat row the exporter cannot reshape`);
      h = convNode(b, h, layer);
    }
  });
  if (h.name === x.name) throw new Error(`network "${outName}" has no layers`);
  return { ...h, name: b.renameLast(h.name, outName) };
}
