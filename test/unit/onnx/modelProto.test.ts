// The ONNX reader of src/onnx/: protobuf varints and fields against hand-made bytes, and the summary of a
// PyTorch-exported file against what the onnx Python package reads from it (make_fixtures.py's encoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFields, readVarint } from '../../../src/onnx/protobuf';
import { formatShape, readOnnxSummary } from '../../../src/onnx/modelProto';
import { isUserError } from '../../../src/shared/userError';

test('varints: one byte, several bytes, 2^31 and 2^40 exactly; a cut varint is a truncation', () => {
  assert.deepEqual(readVarint(Uint8Array.of(0x05), 0), [5, 1]);
  assert.deepEqual(readVarint(Uint8Array.of(0xac, 0x02), 0), [300, 2]);
  assert.deepEqual(readVarint(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08), 0), [2 ** 31, 5]);
  assert.deepEqual(readVarint(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x20), 0), [2 ** 40, 6]);
  assert.throws(() => readVarint(Uint8Array.of(0x80), 0), /truncated/);
});

test('fields: varint, length-delimited, fixed32 and fixed64; a length past the end and wire types 3/4 are refused', () => {
  // field 1 varint 150; field 2 bytes "hi"; field 3 fixed32; field 4 fixed64
  const buf = Uint8Array.of(0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x1d, 1, 2, 3, 4, 0x21, 1, 2, 3, 4, 5, 6, 7, 8);
  const f = readFields(buf);
  assert.deepEqual(f.map((x) => [x.number, x.wire]), [[1, 0], [2, 2], [3, 5], [4, 1]]);
  assert.equal(f[0].value, 150);
  assert.equal(new TextDecoder().decode(f[1].bytes), 'hi');
  assert.equal(f[3].bytes.length, 8);
  assert.throws(() => readFields(Uint8Array.of(0x12, 0x05, 0x68)), /runs past the end/);
  assert.throws(() => readFields(Uint8Array.of(0x0b)), /wire type 3/);
});

test('the summary of a torch.onnx.export file: producer, IR version, opset, inputs without initializers, outputs, operators', () => {
  const s = readOnnxSummary(new Uint8Array(readFileSync(join(__dirname, '../../fixtures/onnx/enc.onnx'))), 'enc.onnx');
  assert.equal(s.producerName, 'pytorch');
  assert.equal(s.producerVersion, '1.13.0');
  assert.equal(s.irVersion, 7);
  assert.equal(s.opset, 13);
  assert.deepEqual(s.inputs.map((t) => [t.name, t.elemType, formatShape(t.shape)]), [['x', 1, '[N, 1, 8, 8]']]);
  assert.deepEqual(s.outputs.map((t) => [t.name, formatShape(t.shape)]), [['mu', '[N, 3]'], ['logvar', '[N, 3]']]);
  assert.ok(s.operators.includes('ai.onnx::Gemm') && s.operators.includes('ai.onnx::Relu'), s.operators.join(' '));
});

test('bytes that are protobuf but not a model (no graph) are not ONNX', () => {
  assert.throws(() => readOnnxSummary(Uint8Array.of(0x08, 0x07), 'x.onnx'), (e: Error) => isUserError(e) && /x\.onnx is not an ONNX model: it has no IR version or no graph/.test(e.message));
});
