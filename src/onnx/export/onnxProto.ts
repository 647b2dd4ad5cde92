// The part of the ONNX schema (onnx/onnx.proto, IR version 7 = opset 13's) the exporter writes, as plain objects
// and their protobuf encoding. Field numbers are the schema's; repeated scalars are packed exactly where the schema
// declares `[packed = true]` (TensorProto's data fields) and written one by one elsewhere (it is proto2).
import { ProtoWriter } from './protobuf';

/** ONNX TensorProto.DataType values used here. */
export const DATA_TYPE = { float: 1, int64: 7 } as const;

/** IR version 7 is the one that goes with opset 13 (onnx 1.8). */
export const IR_VERSION = 7;
export const OPSET = 13;

export interface TensorInit {
  name: string;
  dims: number[];
  /** float32 weights, or int64 values (e.g. a Reshape's target shape). */
  data: { type: 'float'; values: Float32Array } | { type: 'int64'; values: number[] };
}

/** A dimension: a fixed size or a symbolic name (the batch axis `N`). */
export type Dim = number | string;

export interface ValueInfo {
  name: string;
  dims: Dim[];
  doc?: string;
}

export type AttributeValue = { type: 'int'; value: number } | { type: 'ints'; value: number[] } | { type: 'float'; value: number };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: Record<string, AttributeValue>;
}

export interface GraphSpec {
  name: string;
  nodes: NodeSpec[];
  initializers: TensorInit[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  doc?: string;
}

export interface ModelSpec {
  graph: GraphSpec;
  producerName: string;
  producerVersion: string;
  doc?: string;
  /** ModelProto.metadata_props (onnxruntime's JS API does not read them: the sidecar JSON is what tools read). */
  metadata?: Record<string, string>;
}

/** AttributeProto.AttributeType values. */
const ATTRIBUTE_TYPE = { float: 1, int: 2, ints: 7 } as const;

function writeTensor(w: ProtoWriter, t: TensorInit): void {
  for (const d of t.dims) w.intField(1, d);
  if (t.data.type === 'float') {
    w.intField(2, DATA_TYPE.float);
    w.packedFloats(4, t.data.values);
  } else {
    w.intField(2, DATA_TYPE.int64);
    w.packedInts(7, t.data.values);
  }
  w.stringField(8, t.name);
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.stringField(1, v.name);
  // TypeProto.tensor_type (1) → TypeProto.Tensor { elem_type (1), shape (2) → TensorShapeProto { dim (1) } }
  w.messageField(2, (type) =>
    type.messageField(1, (tensor) => {
      tensor.intField(1, DATA_TYPE.float);
      tensor.messageField(2, (shape) => {
        for (const d of v.dims) shape.messageField(1, (dim) => (typeof d === 'number' ? dim.intField(1, d) : dim.stringField(2, d)));
      });
    }),
  );
  if (v.doc) w.stringField(3, v.doc);
}

function writeAttribute(w: ProtoWriter, name: string, a: AttributeValue): void {
  w.stringField(1, name);
  if (a.type === 'float') w.floatField(2, a.value);
  else if (a.type === 'int') w.intField(3, a.value);
  else for (const v of a.value) w.intField(8, v);
  w.intField(20, ATTRIBUTE_TYPE[a.type]);
}

function writeNode(w: ProtoWriter, n: NodeSpec): void {
  for (const i of n.inputs) w.stringField(1, i);
  for (const o of n.outputs) w.stringField(2, o);
  w.stringField(3, n.name);
  w.stringField(4, n.op);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.messageField(5, (aw) => writeAttribute(aw, name, a));
}

function writeGraph(w: ProtoWriter, g: GraphSpec): void {
  for (const n of g.nodes) w.messageField(1, (nw) => writeNode(nw, n));
  w.stringField(2, g.name);
  for (const t of g.initializers) w.messageField(5, (tw) => writeTensor(tw, t));
  if (g.doc) w.stringField(10, g.doc);
  for (const v of g.inputs) w.messageField(11, (vw) => writeValueInfo(vw, v));
  for (const v of g.outputs) w.messageField(12, (vw) => writeValueInfo(vw, v));
}

/** The bytes of an ONNX ModelProto (default domain, opset 13). */
export function encodeModel(m: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.intField(1, IR_VERSION);
  w.stringField(2, m.producerName);
  w.stringField(3, m.producerVersion);
  if (m.doc) w.stringField(6, m.doc);
  w.messageField(7, (gw) => writeGraph(gw, m.graph));
  // OperatorSetIdProto { domain (1) = "" (the default ONNX domain), version (2) }
  w.messageField(8, (ow) => ow.stringField(1, '').intField(2, OPSET));
  for (const [key, value] of Object.entries(m.metadata ?? {})) w.messageField(14, (pw) => pw.stringField(1, key).stringField(2, value));
  return w.finish();
}
