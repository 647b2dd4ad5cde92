// Formats are recognised by their first bytes, not by the file name: a PNG saved as .jpg still loads, and a
// text file named .png is reported for what it is.

export type ImageFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffFormat(head: Uint8Array): ImageFormat | null {
  if (head.length >= 8) {
    let png = true;
    for (let i = 0; i < 8; i++) if (head[i] !== PNG_MAGIC[i]) png = false;
    if (png) return 'png';
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return null;
}

/** The reason for a file that is neither: what it starts with, as text and hex, so a person recognises it. */
export function describeStart(head: Uint8Array): string {
  if (head.length === 0) return 'not an image: the file is empty (0 bytes)';
  const first = head.subarray(0, 8);
  const text = Array.from(first, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const hex = Array.from(first, (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `not an image: it starts with "${text}" (${hex}), not a PNG or JPEG signature`;
}

/** Extensions that promise an image: such a file that fails to load is reported, not silently ignored. */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.jfif']);

export function isIdxImagesName(name: string): boolean {
  return /-idx3-ubyte(\.gz)?$/i.test(name);
}

export function isIdxLabelsName(name: string): boolean {
  return /-idx1-ubyte(\.gz)?$/i.test(name);
}
