// What the job's thread and its ONNX Runtime thread (onnxWorker.ts) say to each other (syncRunner.ts).

/** A float32 tensor crossing threads: its values and dimensions. */
export interface WireTensor {
  data: Float32Array;
  dims: number[];
}

export type ToOnnxWorker =
  | { type: 'open'; encoder: Uint8Array; decoder: Uint8Array }
  /** `seq`: the number the answer raises the shared flag to (syncRunner.ts waits for exactly it). */
  | { type: 'run'; seq: number; net: 'encoder' | 'decoder'; feeds: Record<string, WireTensor> };

export type FromOnnxWorker =
  | { type: 'opened'; runtime: string }
  | { type: 'ran'; outputs: Record<string, WireTensor> }
  /** `net`: which file failed to load or run (null: the runtime itself). */
  | { type: 'failed'; net: 'encoder' | 'decoder' | null; message: string };
