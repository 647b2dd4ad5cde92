// The protobuf writer against the wire format's own worked examples (protobuf.dev "Encoding") and a decode by an
// independent reader (protoReader.ts); the ONNX messages decoded field by field against onnx.proto's numbering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtoWriter } from '../../../src/onnx/export/protobuf';
import { encodeModel, IR_VERSION, OPSET } from '../../../src/onnx/export/onnxProto';
import { fieldsOf, packedFloats, packedInts, readFields, text } from './protoReader';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('varints: the encoding guide examples, int64 −1 as ten bytes, 2^53 − 1, and unsafe numbers refused', () => {
  const v = (n: number | bigint) => hex(new ProtoWriter().varint(n).finish());
  assert.equal(v(0), '00');
  assert.equal(v(1), '01');
  assert.equal(v(127), '7f');
  assert.equal(v(128), '8001');
  assert.equal(v(150), '9601'); // the guide's "150 → 96 01"
  assert.equal(v(300), 'ac02');
  assert.equal(v(-1), 'ffffffffffffffffff01'); // two's complement, 64 bits
  assert.equal(v(-2), 'feffffffffffffffff01');
  assert.equal(v(2 ** 53 - 1), 'ffffffffffffff0f');
  assert.equal(v(2n ** 63n), '80808080808080808001');
  assert.throws(() => new ProtoWriter().varint(2 ** 53), /not a safe integer/);
  assert.throws(() => new ProtoWriter().varint(0.5), /not a safe integer/);
});

test('fields: keys, strings, packed floats (little-endian IEEE 754) and packed int64s', () => {
  // field 1 varint 150 → 08 96 01 (the guide's first example); field 2 string "testing" → 12 07 74 65 73 74 69 6e 67
  assert.equal(hex(new ProtoWriter().intField(1, 150).finish()), '089601');
  assert.equal(hex(new ProtoWriter().stringField(2, 'testing').finish()), '120774657374696e67');
  // 1.0 = 0x3f800000, −2.5 = 0xc0200000, stored least significant byte first
  assert.equal(hex(new ProtoWriter().packedFloats(4, [1, -2.5]).finish()), '22080000803f000020c0');
  assert.equal(hex(new ProtoWriter().floatField(2, 1).finish()), '150000803f');
  assert.equal(hex(new ProtoWriter().packedInts(7, [-1, 3, 300]).finish()), '3a0dffffffffffffffffff0103ac02');
  // a nested message is length-prefixed: field 3 { field 1 = 150 } → 1a 03 08 96 01
  assert.equal(hex(new ProtoWriter().messageField(3, (w) => w.intField(1, 150)).finish()), '1a03089601');
});

test('a large packed float field round-trips exactly through an independent reader (buffer growth included)', () => {
  const values = Float32Array.from({ length: 100_003 }, (_, i) => Math.fround(Math.sin(i) * 1e3 + i * 1e-7));
  values[5] = -0;
  values[6] = Math.fround(1e-40); // subnormal
  const bytes = new ProtoWriter().stringField(8, 'w').packedFloats(4, values).finish();
  const [name, data] = [fieldsOf(bytes, 8)[0], fieldsOf(bytes, 4)[0]];
  assert.equal(text(name), 'w');
  const back = packedFloats(data);
  assert.equal(back.length, values.length);
  assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(values.buffer));
});

test('encodeModel: ModelProto, GraphProto, NodeProto, TensorProto and ValueInfo with a symbolic axis, by onnx.proto field numbers', () => {
  const bytes = encodeModel({
    producerName: 'latent-explorer',
    producerVersion: '9',
    graph: {
      name: 'g',
      nodes: [{ op: 'Gemm', name: 'Gemm_0', inputs: ['x', 'W', 'b'], outputs: ['y'], attributes: { transB: { type: 'int', value: 0 }, pads: { type: 'ints', value: [1, 1] }, alpha: { type: 'float', value: 0.5 } } }],
      initializers: [
        { name: 'W', dims: [2, 3], data: { type: 'float', values: Float32Array.from([1, 2, 3, 4, 5, 6]) } },
        { name: 's', dims: [2], data: { type: 'int64', values: [-1, 7] } },
      ],
      inputs: [{ name: 'x', dims: ['N', 2] }],
      outputs: [{ name: 'y', dims: ['N', 3] }],
    },
    metadata: { k: 'v' },
  });
  const model = readFields(bytes);
  assert.equal(model[0].field, 1);
  assert.equal(model[0].value, BigInt(IR_VERSION));
  assert.equal(text(fieldsOf(bytes, 2)[0]), 'latent-explorer');
  const opset = fieldsOf(bytes, 8)[0] as Uint8Array;
  assert.equal(text(fieldsOf(opset, 1)[0]), '');
  assert.equal(fieldsOf(opset, 2)[0], BigInt(OPSET));
  const prop = fieldsOf(bytes, 14)[0] as Uint8Array;
  assert.deepEqual([text(fieldsOf(prop, 1)[0]), text(fieldsOf(prop, 2)[0])], ['k', 'v']);

  const graph = fieldsOf(bytes, 7)[0] as Uint8Array;
  assert.equal(text(fieldsOf(graph, 2)[0]), 'g');
  const node = fieldsOf(graph, 1)[0] as Uint8Array;
  assert.deepEqual(fieldsOf(node, 1).map(text), ['x', 'W', 'b']);
  assert.deepEqual(fieldsOf(node, 2).map(text), ['y']);
  assert.equal(text(fieldsOf(node, 4)[0]), 'Gemm');
  const attrs = fieldsOf(node, 5) as Uint8Array[];
  assert.deepEqual(attrs.map((a) => [text(fieldsOf(a, 1)[0]), fieldsOf(a, 20)[0]]), [['transB', 2n], ['pads', 7n], ['alpha', 1n]]);
  assert.equal(fieldsOf(attrs[0], 3)[0], 0n);
  assert.deepEqual(fieldsOf(attrs[1], 8), [1n, 1n]); // AttributeProto.ints is not packed in proto2: one field per value
  assert.equal(fieldsOf(attrs[2], 2)[0], 0.5);

  const [w, s] = fieldsOf(graph, 5) as Uint8Array[];
  assert.deepEqual(fieldsOf(w, 1), [2n, 3n]);
  assert.equal(fieldsOf(w, 2)[0], 1n); // FLOAT
  assert.deepEqual(Array.from(packedFloats(fieldsOf(w, 4)[0])), [1, 2, 3, 4, 5, 6]);
  assert.equal(fieldsOf(s, 2)[0], 7n); // INT64
  assert.deepEqual(packedInts(fieldsOf(s, 7)[0]), [-1n, 7n]);

  const input = fieldsOf(graph, 11)[0] as Uint8Array;
  assert.equal(text(fieldsOf(input, 1)[0]), 'x');
  const tensorType = fieldsOf(fieldsOf(input, 2)[0] as Uint8Array, 1)[0] as Uint8Array;
  assert.equal(fieldsOf(tensorType, 1)[0], 1n);
  const dims = fieldsOf(fieldsOf(tensorType, 2)[0] as Uint8Array, 1) as Uint8Array[];
  assert.equal(text(fieldsOf(dims[0], 2)[0]), 'N'); // dim_param
  assert.equal(fieldsOf(dims[1], 1)[0], 2n); // dim_value
  assert.equal(text(fieldsOf(fieldsOf(graph, 12)[0] as Uint8Array, 1)[0]), 'y');
});
