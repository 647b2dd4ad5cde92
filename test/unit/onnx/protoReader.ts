// A minimal protobuf reader for the export tests: decodes a message into its fields (number → raw values) so a test
// can check what the writer wrote without the writer's own code. Varints come back as bigint, length-delimited
// fields as bytes, fixed32 as the float they hold.
export type FieldValue = bigint | Uint8Array | number;

export function readVarint(buf: Uint8Array, at: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length; i++) {
    value |= BigInt(buf[i] & 0x7f) << shift;
    if ((buf[i] & 0x80) === 0) return { value, next: i + 1 };
    shift += 7n;
  }
  throw new Error('truncated varint');
}

/** Every field of one message, in order of appearance. */
export function readFields(buf: Uint8Array): { field: number; wire: number; value: FieldValue }[] {
  const out: { field: number; wire: number; value: FieldValue }[] = [];
  let at = 0;
  while (at < buf.length) {
    const key = readVarint(buf, at);
    at = key.next;
    const field = Number(key.value >> 3n);
    const wire = Number(key.value & 7n);
    if (wire === 0) {
      const v = readVarint(buf, at);
      out.push({ field, wire, value: v.value });
      at = v.next;
    } else if (wire === 2) {
      const len = readVarint(buf, at);
      const end = len.next + Number(len.value);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ field, wire, value: buf.subarray(len.next, end) });
      at = end;
    } else if (wire === 5) {
      out.push({ field, wire, value: new DataView(buf.buffer, buf.byteOffset + at, 4).getFloat32(0, true) });
      at += 4;
    } else throw new Error(`wire type ${wire} not expected here`);
  }
  return out;
}

/** The values of one field number. */
export function fieldsOf(buf: Uint8Array, field: number): FieldValue[] {
  return readFields(buf).filter((f) => f.field === field).map((f) => f.value);
}

export const text = (v: FieldValue) => new TextDecoder().decode(v as Uint8Array);

/** Little-endian float32s of a packed field. */
export function packedFloats(v: FieldValue): Float32Array {
  const b = v as Uint8Array;
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  return Float32Array.from({ length: b.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** The varints of a packed field, as signed 64-bit values. */
export function packedInts(v: FieldValue): bigint[] {
  const b = v as Uint8Array;
  const out: bigint[] = [];
  for (let at = 0; at < b.length; ) {
    const r = readVarint(b, at);
    out.push(BigInt.asIntN(64, r.value));
    at = r.next;
  }
  return out;
}
