// A saved VAE as the two ONNX files of the import convention (README "ONNX"): encoder.onnx x [N, C, H, W] in [0, 1]
// → mu, logvar [N, d]; decoder.onnx z [N, d] → the likelihood's parameters [N, C, H, W] (Bernoulli logits, or the
// Gaussian/Laplace mean in [0, 1]), a conditional model's both taking the one-hot label y [N, K] too. What cannot
// be written in that convention is refused with a UserError before anything is written.
import { describeModel, specSize, type VaeArchitecture } from '../../shared/architecture';
import { modelVariant, type ModelConfig } from '../../shared/types';
import { UserError } from '../../shared/userError';
import { emitNetwork, flatten, GraphBuilder } from './networkGraph';
import { encodeModel, type ModelSpec, type ValueInfo } from './onnxProto';
import { nchwToNhwcIndex, permuteVector } from './weightLayout';

/** The sidecar (latent-explorer.json) an import reads instead of flags: what the ONNX files cannot say. */
export interface ExportSidecar {
  format: 'latent-explorer-onnx';
  version: 1;
  encoder: 'encoder.onnx';
  decoder: 'decoder.onnx';
  likelihood: ModelConfig['likelihood'];
  layout: 'nchw';
  /** What the decoder's first output is: Bernoulli logits, or E[x|z] in [0, 1]. */
  decoderOutput: 'logits' | 'mean';
  /** Gaussian σ / Laplace b in pixel units; 'learned': the decoder's second output `log_scale` [1, C, H, W]. */
  decoderScale: number | 'learned' | null;
  /** [C, H, W] of one image. */
  inputShape: [number, number, number];
  latentDim: number;
  /** A conditional model's label names in one-hot order (the graphs' input `y`). */
  labels?: string[];
  /** The source model's variant and network, for the record. */
  source: { model: string; net: string };
}

export interface OnnxExport {
  encoder: Uint8Array;
  decoder: Uint8Array;
  sidecar: ExportSidecar;
}

/**
 * The variants whose q(z|x) is a diagonal Gaussian read by (mu, logvar) heads: what the convention describes. A
 * VAE-GAN's encoder and decoder are the conv VAE's; its discriminator, needed only to train, is not exported.
 */
const EXPORTABLE = ['vae', 'iwae', 'cvae', 'vaegan'];

/** Refuses a model the convention cannot describe, naming the model folder (`where`). */
function checkVariant(config: ModelConfig, where: string): void {
  const variant = modelVariant(config);
  if (!EXPORTABLE.includes(variant)) {
    throw new UserError(`${where}: a "${variant}" model cannot be exported to ONNX; only VAE, IWAE, conditional VAE and VAE-GAN models (a Gaussian q(z|x) with mu and logvar) fit the convention.`);
  }
  if (config.kind !== 'mlp-vae') throw new UserError(`${where}: the model kind "${String(config.kind)}" has no ONNX export.`);
}

/** Refuses weights that do not match the architecture or are not finite. */
function checkWeights(arch: VaeArchitecture, weights: ReadonlyMap<string, Float32Array>, where: string): void {
  for (const spec of arch.weights) {
    const w = weights.get(spec.name);
    if (!w || w.length !== specSize(spec)) throw new UserError(`${where}: the weights lack "${spec.name}" of shape [${spec.shape.join(', ')}]; the model folder does not match its manifest.`);
    if (!w.every(Number.isFinite)) throw new UserError(`${where}: the weight "${spec.name}" holds NaN or infinite values (a diverged training run); nothing was exported.`);
  }
}

const BATCH = 'N';

function modelSpec(name: string, b: GraphBuilder, inputs: ValueInfo[], outputs: ValueInfo[], doc: string, producerVersion: string): ModelSpec {
  return {
    graph: { name, nodes: b.nodes, initializers: b.initializers, inputs, outputs, doc },
    producerName: 'latent-explorer',
    producerVersion,
    doc,
  };
}

/**
 * The encoder, decoder and sidecar of a model. `weights` by stored name (NHWC, tfjs layouts); `where` names the
 * model in refusals; `producerVersion` goes into the files' producer_version.
 */
export function exportVae(config: ModelConfig, weights: ReadonlyMap<string, Float32Array>, where: string, producerVersion = '1'): OnnxExport {
  checkVariant(config, where);
  const arch = describeModel(config);
  checkWeights(arch, weights, where);
  const [h, w, c] = config.inputShape;
  const d = config.latentDim;
  const labels = modelVariant(config) === 'cvae' ? (config.labels ?? []) : null;
  const y: ValueInfo[] = labels ? [{ name: 'y', dims: [BATCH, labels.length], doc: `one-hot label (${labels.length} classes, see latent-explorer.json)` }] : [];
  const condition = labels ? 'y' : undefined;

  const enc = new GraphBuilder(weights);
  const x = { name: 'x', kind: 'image' as const, shape: config.inputShape };
  const trunk = arch.encoder.layers.length > 0 ? emitNetwork(enc, arch.encoder, x, 'features', { condition }) : x;
  const features = flatten(enc, trunk);
  emitNetwork(enc, arch.mu, features, 'mu', { condition });
  emitNetwork(enc, arch.logvar, features, 'logvar', { condition });
  const encoder = modelSpec(
    'latent-explorer encoder',
    enc,
    [{ name: 'x', dims: [BATCH, c, h, w], doc: 'images, float32 in [0, 1], NCHW' }, ...y],
    [
      { name: 'mu', dims: [BATCH, d], doc: 'posterior mean' },
      { name: 'logvar', dims: [BATCH, d], doc: 'posterior log-variance' },
    ],
    'q(z|x) = N(mu, diag exp(logvar))',
    producerVersion,
  );

  const dec = new GraphBuilder(weights);
  const bernoulli = config.likelihood === 'bernoulli';
  const outName = bernoulli ? 'logits' : 'mean';
  // our decoder's raw output is logits for Bernoulli and sigmoid⁻¹(mean) for Gaussian/Laplace (architecture.mean)
  const raw = emitNetwork(dec, arch.decoder, { name: 'z', kind: 'flat' }, bernoulli ? outName : 'raw', { outImage: config.inputShape, condition });
  if (!bernoulli) dec.node('Sigmoid', [raw.name], undefined, outName);
  const outputs: ValueInfo[] = [{ name: outName, dims: [BATCH, c, h, w], doc: bernoulli ? 'Bernoulli logits per pixel' : 'E[x|z] per pixel, in [0, 1]' }];
  const learned = !bernoulli && config.decoderScale === 'learned';
  if (learned) {
    const logScale = permuteVector(dec.weight('decoder/logScale'), nchwToNhwcIndex(config.inputShape));
    dec.floatInit('decoder/logScale', [1, c, h, w], logScale);
    dec.node('Identity', ['decoder/logScale'], undefined, 'log_scale');
    outputs.push({ name: 'log_scale', dims: [1, c, h, w], doc: `log of the ${config.likelihood} scale per pixel` });
  }
  const decoder = modelSpec(
    'latent-explorer decoder',
    dec,
    [{ name: 'z', dims: [BATCH, d], doc: 'latent codes' }, ...y],
    outputs,
    `p(x|z): ${config.likelihood}, output ${outName}`,
    producerVersion,
  );

  const sidecar: ExportSidecar = {
    format: 'latent-explorer-onnx',
    version: 1,
    encoder: 'encoder.onnx',
    decoder: 'decoder.onnx',
    likelihood: config.likelihood,
    layout: 'nchw',
    decoderOutput: bernoulli ? 'logits' : 'mean',
    decoderScale: bernoulli ? null : config.decoderScale,
    inputShape: [c, h, w],
    latentDim: d,
    ...(labels ? { labels } : {}),
    source: { model: modelVariant(config), net: config.net ?? 'mlp' },
  };
  return { encoder: encodeModel(encoder), decoder: encodeModel(decoder), sidecar };
}
