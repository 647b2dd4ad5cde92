// `latent-explorer import`: a VAE trained elsewhere, from its encoder and decoder ONNX files, into a model folder
// every command and the editor's views read (src/training/importOnnx.ts does the work).
import { parseArgs } from 'node:util';
import { initBackend } from '../engine/backend';
import { ONNX_DECODER_OUTPUTS, ONNX_LAYOUTS, type OnnxDecoderOutput, type OnnxLayout } from '../shared/onnxModel';
import type { Likelihood } from '../shared/types';
import { UserError } from '../shared/userError';
import { importOnnxModel } from '../training/importOnnx';
import { importDefaultsBeside } from '../onnx/export/sidecar';
import { required, type CliIO } from './args';

export const importHelp = `latent-explorer import --encoder enc.onnx --decoder dec.onnx --out MODEL_DIR [options]
  A VAE trained elsewhere (PyTorch, Keras) from its ONNX files. The convention: encoder input "x" float32 in
  [0, 1], [N, C, H, W] (or NHWC), outputs "mu" and "logvar" [N, d]; decoder input "z" [N, d], one output of the
  image's shape. Both files are checked, tried on two images and copied into MODEL_DIR with a manifest.
  Files exported by Latent Explorer (export-onnx) import with no flags: latent-explorer.json beside the encoder
  gives the defaults of the next four.
  --likelihood bernoulli|gaussian|laplace   p(x|z) of the decoder (default bernoulli)
  --layout nchw|nhwc                        the images' axes (default nchw, PyTorch's; Keras: nhwc)
  --decoder-output logits|probabilities|mean  what the decoder outputs (default logits)
  --scale S                                 Gaussian σ / Laplace b of a decoder that outputs the mean (default 0.1)
  --labels labels.txt                       label names, one a line, in label order
  --data DATASET                            a folder of images or IDX file to explore the model on
  --json                                    print the result as one JSON object`;

function choice<T extends string>(flag: string, v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T)) throw new UserError(`--${flag} must be one of ${allowed.join(', ')}, not "${v}".`);
  return v as T;
}

export async function runImport(argv: string[], io: CliIO): Promise<number> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      encoder: { type: 'string' },
      decoder: { type: 'string' },
      out: { type: 'string' },
      likelihood: { type: 'string' },
      layout: { type: 'string' },
      'decoder-output': { type: 'string' },
      scale: { type: 'string' },
      labels: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  // files exported by Latent Explorer carry their settings in latent-explorer.json beside them: no flags needed
  const beside = await importDefaultsBeside(required('--encoder', o.encoder));
  const scale = o.scale === undefined ? (beside?.scale ?? 0.1) : Number(o.scale);
  if (!(scale > 0 && Number.isFinite(scale))) throw new UserError(`--scale must be a positive number, not "${o.scale}".`);
  await initBackend();
  const result = await importOnnxModel(
    {
      encoder: required('--encoder', o.encoder),
      decoder: required('--decoder', o.decoder),
      out: required('--out', o.out),
      likelihood: choice<Likelihood>('likelihood', o.likelihood, ['bernoulli', 'gaussian', 'laplace'], beside?.likelihood ?? 'bernoulli'),
      layout: choice<OnnxLayout>('layout', o.layout, ONNX_LAYOUTS, beside?.layout ?? 'nchw'),
      decoderOutput: choice<OnnxDecoderOutput>('decoder-output', o['decoder-output'], ONNX_DECODER_OUTPUTS, beside?.decoderOutput ?? 'logits'),
      scale,
      labels: o.labels,
      data: o.data,
    },
    (line) => io.err(line),
  );
  const [h, w, c] = result.config.inputShape;
  if (o.json) io.out(JSON.stringify({ modelDir: result.modelDir, inputShape: result.config.inputShape, latentDim: result.config.latentDim, runtime: result.runtime }));
  else io.out(`imported into ${result.modelDir}: ${h}×${w}×${c} images, ${result.config.latentDim} latent dimensions, run by ${result.runtime}`);
  return 0;
}
