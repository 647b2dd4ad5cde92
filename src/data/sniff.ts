// Formats are recognised by their first bytes, not by the file name: a PNG saved as .jpg still loads, and a
// text file named .png is reported for what it is.

export type ImageFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffFormat(head: Uint8Array): ImageFormat | null {
  if (head.length >= 8 && PNG_MAGIC.every((b, i) => head[i] === b)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return null;
}

/** A short, printable description of what a file starts with, for "not an image" messages. */
export function describeStart(head: Uint8Array): string {
  if (head.length === 0) return 'the file is empty (0 bytes)';
  const text = Array.from(head.subarray(0, 8), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `it starts with "${text}" (${hex}), not a PNG or JPEG signature`;
}

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.jfif']);

export function isIdxImagesName(name: string): boolean {
  return /-idx3-ubyte(\.gz)?$/i.test(name);
}

export function isIdxLabelsName(name: string): boolean {
  return /-idx1-ubyte(\.gz)?$/i.test(name);
}
