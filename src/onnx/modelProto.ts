// What Latent Explorer reads from an ONNX ModelProto itself (onnx/onnx.proto3): its producer, IR version and opsets
// for the overview, and each graph input and output with its element type and declared shape, checked against the
// convention before any runtime sees the file. Only these fields are parsed; the rest of the file is skipped.
import { readFields, text, WireError, type Field } from './protobuf';
import { UserError } from '../shared/userError';

/** A declared dimension: a number, a symbolic name (a batch axis 'N'), or unknown. */
export type Dim = number | string | null;

export interface TensorInfo {
  name: string;
  /** onnx TensorProto.DataType: 1 float32, 10 float16, 11 float64, 7 int64 … */
  elemType: number;
  /** null: the file declares no shape. */
  shape: Dim[] | null;
}

export interface OnnxSummary {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  /** The default domain's opset ('' or 'ai.onnx'); null when the file imports none. */
  opset: number | null;
  opsetImports: { domain: string; version: number }[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** domain::op_type of every node of the main graph, once each. */
  operators: string[];
}

export const ELEM_TYPE_NAMES: Record<number, string> = { 1: 'float32', 2: 'uint8', 3: 'int8', 6: 'int32', 7: 'int64', 9: 'bool', 10: 'float16', 11: 'float64', 16: 'bfloat16' };

const first = (fields: Field[], n: number) => fields.find((f) => f.number === n);
const all = (fields: Field[], n: number) => fields.filter((f) => f.number === n);
const str = (fields: Field[], n: number) => {
  const f = first(fields, n);
  return f?.wire === 2 ? text(f.bytes) : '';
};
const num = (fields: Field[], n: number) => {
  const f = first(fields, n);
  return f?.wire === 0 ? f.value : null;
};

/** ValueInfoProto { name = 1; type = 2 } → TypeProto { tensor_type = 1 } → { elem_type = 1; shape = 2 } → dim = 1 { dim_value = 1 | dim_param = 2 }. */
function tensorInfo(bytes: Uint8Array): TensorInfo {
  const v = readFields(bytes);
  const name = str(v, 1);
  const type = first(v, 2);
  const tensor = type?.wire === 2 ? first(readFields(type.bytes), 1) : undefined;
  if (!tensor || tensor.wire !== 2) return { name, elemType: 0, shape: null };
  const t = readFields(tensor.bytes);
  const shapeField = first(t, 2);
  const shape =
    shapeField?.wire === 2
      ? all(readFields(shapeField.bytes), 1).map((d): Dim => {
          const dim = readFields(d.bytes);
          const value = num(dim, 1);
          if (value !== null) return value;
          const param = str(dim, 2);
          return param || null;
        })
      : null;
  return { name, elemType: num(t, 1) ?? 0, shape };
}

/** Reads the summary of an ONNX file's bytes; `file` names it in errors. Throws a UserError for anything that is not a complete ONNX model. */
export function readOnnxSummary(bytes: Uint8Array, file: string): OnnxSummary {
  const notOnnx = (why: string) => new UserError(`${file} is not an ONNX model: ${why}.`);
  if (bytes.length === 0) throw notOnnx('it is empty');
  try {
    const model = readFields(bytes);
    const irVersion = num(model, 1);
    const graph = first(model, 7);
    if (irVersion === null || !graph || graph.wire !== 2) throw notOnnx('it has no IR version or no graph (ModelProto fields 1 and 7)');
    const opsetImports = all(model, 8).map((f) => {
      const o = readFields(f.bytes);
      return { domain: str(o, 1), version: num(o, 2) ?? 0 };
    });
    const g = readFields(graph.bytes);
    // initializers may be listed among the inputs (IR < 4); they are weights, not inputs
    const initializers = new Set(all(g, 5).map((f) => str(readFields(f.bytes), 8)));
    const operators = new Set<string>();
    for (const n of all(g, 1)) {
      const node = readFields(n.bytes);
      operators.add(`${str(node, 7) || 'ai.onnx'}::${str(node, 4)}`);
    }
    const main = opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx');
    return {
      irVersion,
      producerName: str(model, 2),
      producerVersion: str(model, 3),
      opset: main ? main.version : null,
      opsetImports,
      inputs: all(g, 11).map((f) => tensorInfo(f.bytes)).filter((t) => !initializers.has(t.name)),
      outputs: all(g, 12).map((f) => tensorInfo(f.bytes)),
      operators: [...operators],
    };
  } catch (err) {
    if (err instanceof WireError) throw new UserError(`${file} is not an ONNX model (or is truncated): it ${err.message}.`);
    throw err;
  }
}

/** "[N, 1, 28, 28]" */
export function formatShape(shape: Dim[] | null): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '(no shape)';
}
