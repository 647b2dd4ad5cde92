// NumPy's .npy format, version 1.0 (numpy.lib.format): the magic "\x93NUMPY", version 1 0, a little-endian uint16
// header length, a Python dict literal padded with spaces to a multiple of 64 bytes (ending in "\n"), then the
// raw data in C order. Only what researchers' scripts need from us: float32 little-endian ('<f4') arrays.

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

/** `data` (row-major, shape's product long) as a .npy v1.0 file of dtype '<f4'. */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new Error(`npy: ${data.length} values do not fill shape (${shape.join(', ')})`);
  // a 1-tuple needs its trailing comma in Python: (5,)
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const prefix = MAGIC.length + 2 + 2;
  const padded = Math.ceil((prefix + dict.length + 1) / ALIGN) * ALIGN;
  const header = dict + ' '.repeat(padded - prefix - dict.length - 1) + '\n';
  const out = new Uint8Array(padded + data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, padded);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}

/** A .npy v1.0 '<f4' file back into its shape and values (the inverse of encodeNpyFloat32, for tests and tools). */
export function decodeNpyFloat32(bytes: Uint8Array): { shape: number[]; data: Float32Array } {
  if (!MAGIC.every((b, i) => bytes[i] === b) || bytes[6] !== 1) throw new Error('not a .npy version 1 file');
  const headerLength = bytes[8] | (bytes[9] << 8);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  if (!/'descr':\s*'<f4'/.test(header) || !/'fortran_order':\s*False/.test(header)) throw new Error(`unsupported .npy header ${header.trim()}`);
  const dims = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = dims.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const start = 10 + headerLength;
  const n = shape.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, n * 4);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = view.getFloat32(i * 4, true);
  return { shape, data };
}

/** Rows of N images, each H·W·C channels-last, as N×C×H×W (PyTorch's layout, which the .npy files carry). */
export function toNchw(nhwc: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(nhwc.length);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) out[((i * c + ch) * h + y) * w + x] = nhwc[((i * h + y) * w + x) * c + ch];
      }
    }
  }
  return out;
}
