// PNGs written chunk by chunk, so a test can break exactly one rule of the PNG specification.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One chunk: length, name, data, CRC over name + data (`badCrc` flips it). */
export function chunk(name: string, data: Uint8Array = new Uint8Array(0), badCrc = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(name, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((crc32(Buffer.concat([head.subarray(4), data])) ^ (badCrc ? 1 : 0)) >>> 0);
  return Buffer.concat([head, data, crc]);
}

export function ihdr(width: number, height: number, bitDepth: number, colorType: number, interlace = 0): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d.set([bitDepth, colorType, 0, 0, interlace], 8);
  return chunk('IHDR', d);
}

export function png(...chunks: Buffer[]): Buffer {
  return Buffer.concat([SIGNATURE, ...chunks]);
}

/** Filtered rows of an 8-bit gray image (filter byte `filter` on each row), deflated. */
export function grayRows(width: number, height: number, value: (x: number, y: number) => number, filter = 0): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = filter;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = value(x, y);
  }
  return raw;
}

export { deflateSync };
