// The few protocol-buffer wire-format pieces an ONNX file needs (https://protobuf.dev/programming-guides/encoding/):
// varints, length-delimited fields (strings, bytes, nested messages) and packed repeated scalars. Writing them here
// keeps the exporter free of a protobuf dependency and its generated code; the ONNX schema is in onnxProto.ts.

/** Wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

const encoder = new TextEncoder();

/** A growable byte buffer with the protobuf field writers. */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /**
   * A base-128 varint, 7 bits a byte, least significant first, high bit = "more follows". Negative integers are
   * their 64-bit two's complement (int32 and int64 fields alike), hence always 10 bytes.
   */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`varint: ${value} is not a safe integer`);
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
    return this;
  }

  /** A field's key: (field number << 3) | wire type. */
  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  bytes(data: Uint8Array): this {
    this.varint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /** An int32/int64/enum/bool field (wire type 0). */
  intField(field: number, value: number | bigint): this {
    return this.tag(field, WIRE.varint).varint(value);
  }

  stringField(field: number, value: string): this {
    return this.tag(field, WIRE.bytes).bytes(encoder.encode(value));
  }

  bytesField(field: number, data: Uint8Array): this {
    return this.tag(field, WIRE.bytes).bytes(data);
  }

  /** A nested message: its encoding, length-prefixed. */
  messageField(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytesField(field, inner.finish());
  }

  /** A `float` field (wire type 5, IEEE 754 single, little-endian). */
  floatField(field: number, value: number): this {
    this.tag(field, WIRE.fixed32);
    return this.rawFloats([value]);
  }

  /** A packed `repeated float`: one length-delimited field holding the little-endian floats back to back. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    this.tag(field, WIRE.bytes).varint(values.length * 4);
    return this.rawFloats(values);
  }

  /** A packed `repeated int64`/`int32`: one length-delimited field holding the varints back to back. */
  packedInts(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]);
    return this.bytesField(field, inner.finish());
  }

  private rawFloats(values: ArrayLike<number>): this {
    this.reserve(values.length * 4);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.len, values.length * 4);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    this.len += values.length * 4;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
