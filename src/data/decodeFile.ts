// What happens to each image file of a dataset, the same functions whether they run in the loading thread or on
// a decode worker (decodeWorker.ts): so a pooled load gives, byte for byte, the images and, word for word, the
// skip reasons of a sequential one.
//
// Reads are synchronous on purpose. Decoding blocks the thread anyway, and for the small files of a typical
// dataset one readFileSync costs a fraction of an async read's four round trips through libuv's thread pool
// (open, fstat, read, close): ~8 µs against ~100 µs a file here, which for 60 000 files is the whole budget.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { decodeImage, type DecodedImage } from './decodeImage';
import { HEADER_BYTES, readHeader, type ImageHeader } from './header';
import { ImageError } from './imageError';
import { resizeArea } from './resize';

/** One file's fate: its pixels at the dataset's size, or why it was skipped. */
export type FileOutcome = { image: DecodedImage; resized: boolean } | { reason: string };

export interface TargetSize {
  width: number;
  height: number;
}

/** Reads, decodes and resizes (area averaging) one file to the dataset's size; never throws. */
export function decodeFile(path: string, size: TargetSize, maxPixels: number): FileOutcome {
  try {
    const img = decodeImage(readFileSync(path), maxPixels);
    const resized = img.width !== size.width || img.height !== size.height;
    return { image: resizeArea(img, size.width, size.height), resized };
  } catch (err) {
    return { reason: reasonOf(err) };
  }
}

/** One file's header from its first HEADER_BYTES, read into `scratch`; null when it has none or cannot be read. */
export function readFileHeader(path: string, scratch: Buffer): ImageHeader | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return readHeader(scratch.subarray(0, readSync(fd, scratch, 0, HEADER_BYTES, 0)));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The reason shown next to a skipped file: an ImageError's own words, or what stopped the read. */
export function reasonOf(err: unknown): string {
  if (err instanceof ImageError) return err.message;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot read: ${code ?? (err as Error)?.message ?? String(err)}`;
}
