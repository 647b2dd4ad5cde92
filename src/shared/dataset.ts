// The in-memory dataset every consumer (engine, CLI, job process, page) shares: plain shapes, no Node, no tfjs.

/** One file (or IDX record range) that could not be used, and why, in words a person understands. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface LoadReport {
  root: string;
  /** Images kept. */
  loaded: number;
  skipped: SkippedFile[];
  /** How many kept images had to be resized to the common size. */
  resized: number;
  /** How many colour images were converted to gray, or gray to colour, to reach the common channel count. */
  channelConverted: number;
  /** Files that are neither images nor IDX (e.g. .txt, .csv), passed over without complaint. */
  ignored?: number;
  /** Worker threads that decoded the image files; 0 when the loading thread did (few files, or no pool). */
  decodeThreads?: number;
}

/**
 * Images as uint8, N × H × W × C contiguous (row-major, channels last). 1 channel when every image is gray,
 * else 3. Alpha is composited over black (see decodeImage.ts).
 */
export interface Dataset {
  images: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** Index into labelNames per image, or null when the dataset is unlabelled (a flat folder). */
  labels: Int32Array | null;
  labelNames: string[];
  /** Source of each image: a file path, or `file#index` for an IDX record. */
  sources: string[];
  report: LoadReport;
}

export interface Split {
  train: Dataset;
  validation: Dataset;
}
