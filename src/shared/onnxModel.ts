// An imported ONNX VAE as plain data (ModelConfig.model 'onnx', config.onnx): how its tensors are laid out and
// named and what its decoder outputs. The page and the job process both read it; the files themselves are in
// the model folder (store/manifest.ts: manifest.onnx) and run in ONNX Runtime, so the architecture has no
// networks and no weights of ours.
import type { VaeArchitecture } from './architecture';
import type { ModelConfig } from './types';

export type OnnxLayout = 'nchw' | 'nhwc';
/** logits: Bernoulli logits (sigmoid⁻¹ of the mean); probabilities / mean: the mean in [0, 1] itself. */
export type OnnxDecoderOutput = 'logits' | 'probabilities' | 'mean';

export interface OnnxModelSpec {
  layout: OnnxLayout;
  decoderOutput: OnnxDecoderOutput;
  /** Tensor names: the encoder's input and outputs, the decoder's input and output. */
  io: { x: string; mu: string; logvar: string; z: string; out: string };
}

export const ONNX_LAYOUTS: readonly OnnxLayout[] = ['nchw', 'nhwc'];
export const ONNX_DECODER_OUTPUTS: readonly OnnxDecoderOutput[] = ['logits', 'probabilities', 'mean'];

/** An imported model's architecture: sizes only, no networks (ONNX Runtime runs the files) and no weights. */
export function onnxArchitecture(config: ModelConfig): VaeArchitecture {
  const [h, w, c] = config.inputShape;
  const inputSize = h * w * c;
  const none = (inSize: number, outSize: number) => ({ inSize, outSize, layers: [] });
  return {
    kind: config.kind,
    inputSize,
    latentDim: config.latentDim,
    encoder: none(inputSize, inputSize),
    mu: none(inputSize, config.latentDim),
    logvar: none(inputSize, config.latentDim),
    decoder: none(config.latentDim, inputSize),
    mean: 'sigmoid',
    extra: [],
    weights: [],
  };
}

/** config.onnx is well-formed; `bad` throws the caller's error. */
export function validateOnnxSpec(config: ModelConfig, bad: (what: string) => never): void {
  const spec = config.onnx;
  if (!spec || typeof spec !== 'object') return bad('an imported model (model "onnx") needs its onnx section');
  if (!ONNX_LAYOUTS.includes(spec.layout)) bad(`onnx.layout ${JSON.stringify(spec.layout)} must be nchw or nhwc`);
  if (!ONNX_DECODER_OUTPUTS.includes(spec.decoderOutput)) bad(`onnx.decoderOutput ${JSON.stringify(spec.decoderOutput)} must be logits, probabilities or mean`);
  if (spec.decoderOutput === 'probabilities' && config.likelihood !== 'bernoulli') bad('decoder output "probabilities" is for the Bernoulli likelihood');
  const io = spec.io as unknown as Record<string, unknown> | undefined;
  for (const k of ['x', 'mu', 'logvar', 'z', 'out']) {
    if (!io || typeof io[k] !== 'string' || (io[k] as string).length === 0 || (io[k] as string).length > 256) bad(`onnx.io.${k} must be a tensor name`);
  }
  if (config.hidden.length !== 0) bad('an imported model has no hidden layers of ours (hidden must be [])');
}
