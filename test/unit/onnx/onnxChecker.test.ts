// The exported files against the ONNX project's own checker (Debian's python3-onnx: onnx.checker.check_model with
// full_check, which also runs shape inference), and the `export-onnx` command line. Skipped, saying why, where
// /usr/bin/python3 has no onnx module (scripts/setup.sh installs python3-onnx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportModelDir } from '../../../src/onnx/export/exportModelDir';
import { tempDir } from '../../helpers/tempDir';
import { config, savedModel } from './exportFixtures';

const PYTHON = '/usr/bin/python3';
const cli = join(__dirname, '../../../dist/cli.js');

function onnxMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const r = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'python3-onnx is not installed for /usr/bin/python3 (apt-get install python3-onnx, or scripts/setup.sh)';
}

const CHECK = `
import json, sys, onnx
out = {}
for path in sys.argv[1:]:
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    dims = lambda vi: [d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim]
    out[path.split('/')[-1]] = {
        'ir': m.ir_version, 'opset': [(o.domain, o.version) for o in m.opset_import], 'producer': m.producer_name,
        'inputs': {i.name: dims(i) for i in m.graph.input}, 'outputs': {o.name: dims(o) for o in m.graph.output},
        'ops': sorted({n.op_type for n in m.graph.node}),
    }
print(json.dumps(out))
`;

test('onnx.checker.check_model (full_check) accepts the MLP, conv and conditional exports; names, opset 13 and the symbolic batch axis N', async (t) => {
  const missing = onnxMissing();
  if (missing) return t.skip(missing);
  const cases = [
    { c: config({ hidden: [16] }), ops: ['Flatten', 'Gemm', 'Relu', 'Reshape'] },
    { c: config({ net: 'conv', inputShape: [15, 9, 3], hidden: [8], likelihood: 'gaussian', decoderScale: 'learned' }), ops: ['Conv', 'ConvTranspose', 'Flatten', 'Gemm', 'Identity', 'Relu', 'Reshape', 'Sigmoid'] },
    { c: config({ net: 'conv', model: 'cvae', labels: ['a', 'b'], hidden: [8] }), ops: ['Concat', 'Conv', 'ConvTranspose', 'Flatten', 'Gemm', 'Relu', 'Reshape'] },
  ];
  for (const { c, ops } of cases) {
    const out = join(tempDir('le-onnx-check-'), 'e');
    await exportModelDir(await savedModel(c), out);
    const r = spawnSync(PYTHON, ['-c', CHECK, join(out, 'encoder.onnx'), join(out, 'decoder.onnx')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    const [h, w, ch] = c.inputShape;
    const y = c.labels ? { y: ['N', c.labels.length] } : {};
    const enc = info['encoder.onnx'];
    const dec = info['decoder.onnx'];
    assert.equal(enc.ir, 7);
    assert.deepEqual(enc.opset, [['', 13]]);
    assert.equal(enc.producer, 'latent-explorer');
    assert.deepEqual(enc.inputs, { x: ['N', ch, h, w], ...y });
    assert.deepEqual(enc.outputs, { mu: ['N', c.latentDim], logvar: ['N', c.latentDim] });
    assert.deepEqual(dec.inputs, { z: ['N', c.latentDim], ...y });
    const outputs = c.likelihood === 'bernoulli' ? { logits: ['N', ch, h, w] } : { mean: ['N', ch, h, w], log_scale: [1, ch, h, w] };
    assert.deepEqual(dec.outputs, outputs);
    assert.deepEqual([...new Set([...enc.ops, ...dec.ops])].sort(), ops);
  }
});

test('export-onnx on the command line: the files and --json; a refusal is one line, exit 1, nothing written', async () => {
  const dir = await savedModel(config({ net: 'conv', hidden: [8] }));
  const base = tempDir('le-onnx-cli-');
  const out = join(base, 'export');
  const r = spawnSync(process.execPath, [cli, 'export-onnx', dir, '--out', out, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.deepEqual(result.files.map((f: { name: string }) => f.name), ['encoder.onnx', 'decoder.onnx', 'latent-explorer.json']);
  assert.deepEqual(readdirSync(out).sort(), ['decoder.onnx', 'encoder.onnx', 'latent-explorer.json']);

  const busy = join(base, 'busy');
  mkdirSync(busy);
  writeFileSync(join(busy, 'a.png'), '');
  const refused = spawnSync(process.execPath, [cli, 'export-onnx', dir, '--out', busy], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /^latent-explorer: .*busy is not empty and holds a\.png; export into an empty folder or a previous ONNX export's folder\.\n$/);
  assert.deepEqual(readdirSync(busy), ['a.png']);

  const noOut = spawnSync(process.execPath, [cli, 'export-onnx', dir], { encoding: 'utf8' });
  assert.equal(noOut.status, 1);
  assert.match(noOut.stderr, /missing --out <dir>/);
});
