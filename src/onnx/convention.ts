// The convention an imported VAE follows (README "Bring your own VAE"), checked on the files' declared inputs and
// outputs before any runtime runs them: encoder x float32 [N, C, H, W] (or [N, H, W, C]) in [0, 1] → mu, logvar
// [N, d]; decoder z [N, d] → one output of the image's shape. Each mismatch is one line naming the file, the
// tensor, its shape and what was expected. Dimensions a file leaves symbolic are checked by a trial run.
import type { OnnxLayout } from '../shared/onnxModel';
import { UserError } from '../shared/userError';
import { ELEM_TYPE_NAMES, formatShape, type Dim, type OnnxSummary, type TensorInfo } from './modelProto';

/** Image sides and channels the rest of the tool handles (shared/architecture.ts validateConfig). */
const MAX_SIDE = 1024;
const MAX_LATENT = 1024;

export interface ConventionResult {
  /** [height, width, channels]; null where the files leave a dimension symbolic (the trial run fills it). */
  inputShape: [number | null, number | null, number | null];
  latentDim: number | null;
  io: { x: string; mu: string; logvar: string; z: string; out: string };
}

const isBatch = (d: Dim) => typeof d === 'string' || d === null;
const fixed = (d: Dim): number | null => (typeof d === 'number' ? d : null);

function expectation(layout: OnnxLayout): string {
  return layout === 'nchw' ? '[N, C, H, W]' : '[N, H, W, C]';
}

export function checkConvention(enc: OnnxSummary, dec: OnnxSummary, files: { encoder: string; decoder: string }, layout: OnnxLayout): ConventionResult {
  const fail = (file: string, t: TensorInfo, what: string): never => {
    throw new UserError(`${file}: tensor "${t.name}" ${formatShape(t.shape)} ${what}.`);
  };
  const float32 = (file: string, t: TensorInfo) => {
    if (t.elemType !== 1) fail(file, t, `is ${ELEM_TYPE_NAMES[t.elemType] ?? `type ${t.elemType}`}; expected float32`);
  };
  const batchAxis = (file: string, t: TensorInfo) => {
    if (!t.shape) fail(file, t, 'declares no shape; expected a symbolic batch axis first (export with dynamic_axes)');
    if (!isBatch(t.shape![0])) fail(file, t, `has a fixed batch size ${String(t.shape![0])}; expected a symbolic batch axis (torch.onnx.export(..., dynamic_axes={'${t.name}': {0: 'N'}}))`);
  };
  const side = (file: string, t: TensorInfo, d: Dim, what: string, max: number) => {
    if (typeof d === 'number' && (!Number.isInteger(d) || d < 1 || d > max)) fail(file, t, `has ${what} ${d}; expected 1…${max}`);
    return fixed(d);
  };

  // the encoder: one input x, outputs mu and logvar
  if (enc.inputs.length !== 1) throw new UserError(`${files.encoder}: the encoder has ${enc.inputs.length} inputs (${enc.inputs.map((t) => `"${t.name}"`).join(', ')}); expected one, "x" ${expectation(layout)}.`);
  const x = enc.inputs[0];
  if (x.name !== 'x') fail(files.encoder, x, `is the encoder's input; expected it named "x" ${expectation(layout)} (rename it at export: input_names=['x'])`);
  float32(files.encoder, x);
  batchAxis(files.encoder, x);
  if (x.shape!.length !== 4) fail(files.encoder, x, `has ${x.shape!.length} axes; expected 4, ${expectation(layout)} (--layout ${layout})`);
  const [c, h, w] = layout === 'nchw' ? x.shape!.slice(1) : [x.shape![3], x.shape![1], x.shape![2]];
  const height = side(files.encoder, x, h, 'height', MAX_SIDE);
  const width = side(files.encoder, x, w, 'width', MAX_SIDE);
  if (typeof c === 'number' && c !== 1 && c !== 3) fail(files.encoder, x, `has ${c} channels; expected 1 or 3 in ${expectation(layout)} (is the layout ${layout === 'nchw' ? 'nhwc' : 'nchw'}? then pass --layout ${layout === 'nchw' ? 'nhwc' : 'nchw'})`);
  const channels = fixed(c);

  const out = (name: string) => enc.outputs.find((t) => t.name === name);
  const mu = out('mu');
  const logvar = out('logvar');
  if (!mu || !logvar) {
    throw new UserError(`${files.encoder}: the encoder's outputs are ${enc.outputs.map((t) => `"${t.name}" ${formatShape(t.shape)}`).join(', ')}; expected "mu" and "logvar", each [N, d] (output_names=['mu', 'logvar']).`);
  }
  let latentDim: number | null = null;
  for (const t of [mu, logvar]) {
    float32(files.encoder, t);
    batchAxis(files.encoder, t);
    if (t.shape!.length !== 2) fail(files.encoder, t, `has ${t.shape!.length} axes; expected 2, [N, d]`);
    const d = side(files.encoder, t, t.shape![1], 'latent size', MAX_LATENT);
    if (d !== null && latentDim !== null && d !== latentDim) fail(files.encoder, t, `disagrees with "mu" on the latent size ${latentDim}`);
    latentDim ??= d;
  }

  // the decoder: one input z [N, d], one image-shaped output
  if (dec.inputs.length !== 1) throw new UserError(`${files.decoder}: the decoder has ${dec.inputs.length} inputs (${dec.inputs.map((t) => `"${t.name}"`).join(', ')}); expected one, "z" [N, d].`);
  const z = dec.inputs[0];
  if (z.name !== 'z') fail(files.decoder, z, 'is the decoder\'s input; expected it named "z" [N, d] (input_names=[\'z\'])');
  float32(files.decoder, z);
  batchAxis(files.decoder, z);
  if (z.shape!.length !== 2) fail(files.decoder, z, `has ${z.shape!.length} axes; expected 2, [N, d]`);
  const dz = side(files.decoder, z, z.shape![1], 'latent size', MAX_LATENT);
  if (dz !== null && latentDim !== null && dz !== latentDim) fail(files.decoder, z, `has latent size ${dz}; the encoder's "mu" has ${latentDim}`);
  latentDim ??= dz;

  if (dec.outputs.length !== 1) throw new UserError(`${files.decoder}: the decoder has ${dec.outputs.length} outputs (${dec.outputs.map((t) => `"${t.name}"`).join(', ')}); expected one, of the image's shape ${expectation(layout)}.`);
  const y = dec.outputs[0];
  float32(files.decoder, y);
  batchAxis(files.decoder, y);
  if (y.shape!.length !== 4) fail(files.decoder, y, `has ${y.shape!.length} axes; expected the encoder's input shape ${formatShape(x.shape)}`);
  y.shape!.slice(1).forEach((d, i) => {
    const want = x.shape![i + 1];
    if (typeof d === 'number' && d > MAX_SIDE * MAX_SIDE) fail(files.decoder, y, `has a dimension of ${d}; expected the encoder's input shape ${formatShape(x.shape)}`);
    if (typeof d === 'number' && typeof want === 'number' && d !== want) fail(files.decoder, y, `does not match the encoder's input ${formatShape(x.shape)}`);
  });
  return { inputShape: [height, width, channels], latentDim, io: { x: x.name, mu: 'mu', logvar: 'logvar', z: z.name, out: y.name } };
}
