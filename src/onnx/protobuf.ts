// The few protocol-buffer wire-format rules an ONNX file needs to be read without a protobuf library: varints,
// length-delimited fields, fixed 32/64-bit fields. A field that runs past its container is a truncated file.
// Spec: https://protobuf.dev/programming-guides/encoding/
import { UserError } from '../shared/userError';

export interface Field {
  number: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: 0 | 1 | 2 | 5;
  /** The varint's value (exact below 2^53) for wire 0; else 0. */
  value: number;
  /** The bytes of a length-delimited field (a view, not a copy); else empty. */
  bytes: Uint8Array;
}

/** Raised with the file's name by the caller: the bytes are not the protobuf they claim to be. */
export class WireError extends UserError {}

/** Reads a varint at `pos`; returns [value, next]. Values above 2^53 keep their magnitude, not their last bits. */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new WireError(`ends inside a number at byte ${pos} (truncated)`);
    const b = buf[pos++];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return [value, pos];
    scale *= 128;
  }
  throw new WireError(`has a number longer than 10 bytes at byte ${pos}`);
}

/** Every field of one message, in file order. */
export function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (number < 1) throw new WireError(`has field number 0 at byte ${pos}`);
    pos = afterKey;
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      fields.push({ number, wire, value, bytes: new Uint8Array(0) });
      pos = next;
    } else if (wire === 2) {
      const [length, start] = readVarint(buf, pos);
      if (start + length > buf.length) throw new WireError(`has a field of ${length} bytes at byte ${start} that runs past the end (${buf.length} bytes: truncated)`);
      fields.push({ number, wire, value: 0, bytes: buf.subarray(start, start + length) });
      pos = start + length;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new WireError(`ends inside a fixed-size field at byte ${pos} (truncated)`);
      fields.push({ number, wire, value: 0, bytes: buf.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new WireError(`has wire type ${wire} at byte ${pos}, which protobuf does not use`);
    }
  }
  return fields;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
