// The pieces of pngjs 7.0.0 (pinned) that decodePng.ts uses after checking the chunks and inflating the image
// data itself: row unfiltering, unpacking samples to RGBA, palette / transparency / 16-bit scaling.
interface PngjsBitmapInfo {
  width: number;
  height: number;
  depth: number;
  bpp: number;
  interlace: boolean;
  colorType: number;
  palette?: number[][];
  transColor?: number[];
}

declare module 'pngjs/lib/filter-parse-sync' {
  export function process(inflated: Buffer, info: PngjsBitmapInfo): Buffer;
}

declare module 'pngjs/lib/bitmapper' {
  export function dataToBitMap(unfiltered: Buffer, info: PngjsBitmapInfo): Buffer | Uint16Array;
}

declare module 'pngjs/lib/format-normaliser' {
  export default function normalise(bitmap: Buffer | Uint16Array, info: PngjsBitmapInfo, skipRescale?: boolean): Buffer;
}

declare module 'pngjs/lib/interlace' {
  export function getImagePasses(width: number, height: number): { width: number; height: number; index: number }[];
}
