// The messages between the dataset loader and its decode workers (decodePool.ts ⇄ decodeWorker.ts). Private to
// src/data: nothing outside the loader starts these workers. Every request carries an id its reply echoes, and a
// worker answers its requests in the order they came.

/** Main thread → decode worker. */
export type ToDecodeWorker =
  | { type: 'headers'; id: number; paths: string[] }
  | { type: 'decode'; id: number; paths: string[]; width: number; height: number; maxPixels: number }
  /** Finish the request in hand, then end the thread (see DecodePool.close). */
  | { type: 'stop' };

/** Decode worker → main thread. */
export type FromDecodeWorker =
  /** Per path, the width and height its header claims; 0, 0 when it has none or cannot be read. */
  | { type: 'headers'; id: number; sizes: Uint32Array }
  /**
   * Per path, either pixels or a reason. `pixels` (transferred, not copied) holds the decoded images one after
   * the other at the requested size; `channels[i]` is 1 or 3, or 0 for a skipped file whose `reasons[i]` says why.
   */
  | { type: 'decoded'; id: number; pixels: ArrayBuffer; channels: Uint8Array; resized: Uint8Array; reasons: (string | null)[] };
