// The image files of a dataset, decoded in order: on the decode pool when there is one, else in this thread.
// Either way the caller sees one outcome per file in file order, so which files are loaded or skipped, and
// where a limit stops, do not depend on how many threads did the work.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { decodeFile, readFileHeader, type FileOutcome, type TargetSize } from './decodeFile';
import type { DecodePool } from './decodePool';
import { HEADER_BYTES } from './header';

/** Files per decode request: large enough that messaging costs little, small enough to keep every worker busy. */
const DECODE_CHUNK = 64;
/** Reading a header is cheaper than decoding, so its requests carry more files. */
const HEADER_CHUNK = 512;
/** Requests in flight per worker: one being worked on, one waiting, so no worker idles on the loading thread. */
const IN_FLIGHT_PER_THREAD = 2;
/** Answered requests that may wait per worker for the caller to take them in order. */
const AHEAD_PER_THREAD = 8;
/** Decoding in this thread, it yields to the event loop this often, so messages (progress, cancel) get through. */
const YIELD_MS = 10;

/** Each file's outcome, in file order. Stopping the iteration early (a limit) stops sending work to the pool. */
export async function* decodeFiles(paths: string[], size: TargetSize, maxPixels: number, pool: DecodePool | null): AsyncGenerator<FileOutcome> {
  if (!pool) {
    yield* decodeInThread(paths, size, maxPixels);
    return;
  }
  let abandoned = false;
  const chunk = async (i: number): Promise<FileOutcome[]> => {
    const part = paths.slice(i * DECODE_CHUNK, (i + 1) * DECODE_CHUNK);
    try {
      return await pool.decode(part, size, maxPixels);
    } catch (err) {
      // the pool failed (it warned why) or was closed after the caller stopped: redo only what is still wanted
      if (abandoned) return [];
      if (pool.healthy) throw err;
      const outcomes: FileOutcome[] = [];
      for await (const o of decodeInThread(part, size, maxPixels)) outcomes.push(o);
      return outcomes;
    }
  };
  try {
    for await (const outcomes of inOrder(Math.ceil(paths.length / DECODE_CHUNK), pool.threads * IN_FLIGHT_PER_THREAD, pool.threads * AHEAD_PER_THREAD, chunk)) {
      yield* outcomes;
    }
  } finally {
    abandoned = true;
  }
}

/** Per file, the width and height its header claims (0, 0 when it has none or cannot be read). */
export async function headerSizes(paths: string[], pool: DecodePool | null): Promise<Uint32Array> {
  if (!pool) return headerSizesInThread(paths);
  const chunk = async (i: number): Promise<Uint32Array> => {
    const part = paths.slice(i * HEADER_CHUNK, (i + 1) * HEADER_CHUNK);
    try {
      return await pool.headers(part);
    } catch (err) {
      if (pool.healthy) throw err;
      return headerSizesInThread(part);
    }
  };
  const sizes = new Uint32Array(paths.length * 2);
  let i = 0;
  for await (const part of inOrder(Math.ceil(paths.length / HEADER_CHUNK), pool.threads * IN_FLIGHT_PER_THREAD, pool.threads * AHEAD_PER_THREAD, chunk)) {
    sizes.set(part, i * HEADER_CHUNK * 2);
    i++;
  }
  return sizes;
}

/**
 * run(0), run(1), … with results yielded in index order. At most `busy` run at once, and as soon as one settles
 * (in any order) the next starts, so a worker that finished early is not left waiting behind a slower one. At
 * most `ahead` results wait for the caller, so one that stops early (a limit) has not had the whole folder
 * decoded behind its back.
 */
async function* inOrder<T>(count: number, busy: number, ahead: number, run: (i: number) => Promise<T>): AsyncGenerator<T> {
  const results = new Map<number, Promise<T>>();
  let next = 0;
  let running = 0;
  let consumed = 0;
  let stopped = false;
  const fill = (): void => {
    while (!stopped && next < count && running < busy && next - consumed < ahead) {
      const result = run(next);
      results.set(next++, result);
      running++;
      // settling frees a place; it also marks a result the caller no longer wants as handled
      const settle = () => {
        running--;
        fill();
      };
      result.then(settle, settle);
    }
  };
  try {
    while (consumed < count) {
      fill();
      const result = results.get(consumed)!;
      results.delete(consumed);
      const value = await result;
      consumed++;
      yield value;
    }
  } finally {
    stopped = true;
  }
}

async function* decodeInThread(paths: string[], size: TargetSize, maxPixels: number): AsyncGenerator<FileOutcome> {
  let last = performance.now();
  for (const path of paths) {
    yield decodeFile(path, size, maxPixels);
    if (performance.now() - last > YIELD_MS) {
      await nextTurn();
      last = performance.now();
    }
  }
}

async function headerSizesInThread(paths: string[]): Promise<Uint32Array> {
  const sizes = new Uint32Array(paths.length * 2);
  const scratch = Buffer.alloc(HEADER_BYTES);
  let last = performance.now();
  for (let i = 0; i < paths.length; i++) {
    const h = readFileHeader(paths[i], scratch);
    if (h) sizes.set([h.width, h.height], i * 2);
    if (performance.now() - last > YIELD_MS) {
      await nextTurn();
      last = performance.now();
    }
  }
  return sizes;
}
