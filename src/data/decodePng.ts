// PNG through pngjs, which handles every bit depth (1–16), colour type, palette + tRNS and Adam7 interlacing,
// and scales 16-bit samples to 8 bits as round(v·255/65535).
import { PNG } from 'pngjs';
import { fromRgba, type DecodedImage } from './channels';
import { ImageError } from './imageError';

export function decodePng(bytes: Uint8Array): DecodedImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new ImageError(`truncated or corrupt PNG: ${(err as Error)?.message ?? String(err)}`);
  }
  // colour types 0 (gray) and 4 (gray + alpha) are gray by declaration
  const colorType = (png as unknown as { colorType?: number }).colorType;
  return fromRgba(png.data, png.width, png.height, colorType === 0 || colorType === 4);
}
