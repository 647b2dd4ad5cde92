// `latent-explorer export-onnx MODEL --out DIR`: a saved model as encoder.onnx + decoder.onnx + latent-explorer.json
// in the import convention (README "ONNX"), for onnxruntime, PyTorch or another Latent Explorer.
import { parseArgs } from 'node:util';
import { exportModelDir } from '../onnx/export/exportModelDir';
import { required, type CliIO } from './args';

export const exportOnnxHelp = `latent-explorer export-onnx <modelDir> --out <dir> [--json]
  Writes encoder.onnx (x [N,C,H,W] in [0,1] → mu, logvar [N,d]), decoder.onnx (z [N,d] → Bernoulli logits or the
  mean [N,C,H,W]) and latent-explorer.json (likelihood, layout, decoder output) into <dir>: opset 13, batch axis N.
  A conditional model's graphs also take the one-hot label y [N,K]. <dir> must be empty, new, or a previous export.`;

export async function runExportOnnx(argv: string[], io: CliIO): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean' } } });
  const dir = required('<modelDir>', positionals[0]);
  const out = required('--out <dir>', o.out);
  const result = await exportModelDir(dir, out);
  if (o.json) io.out(JSON.stringify(result));
  else for (const f of result.files) io.out(`${f.name}  ${f.bytes} bytes  sha256 ${f.sha256.slice(0, 16)}…`);
  return 0;
}
