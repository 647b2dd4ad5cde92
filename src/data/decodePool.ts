// The worker threads a large dataset folder is decoded on (decodeWorker.ts), so loading uses every core (up to
// four) and leaves the loading thread free. Only worth it for many files: a worker takes ~50 ms to start. The
// pool never makes a load fail: no worker bundle → no pool; a worker that dies → its work is redone in the
// loading thread (decodeFiles.ts) after a warning with the cause.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../shared/userError';
import type { FileOutcome, TargetSize } from './decodeFile';
import type { FromDecodeWorker, ToDecodeWorker } from './decodeMessages';

const WORKER_FILE = 'decodeWorker.js';
const MAX_THREADS = 4;
/** The code of the warning a pool that cannot start or stops working emits. */
const WARNING = 'LATENT_EXPLORER_DECODE_POOL';
/** Below this many image files the start-up of the workers costs more than they save. */
export const POOL_MIN_FILES = 2000;

export interface PoolOptions {
  /** Decode threads; 0 decodes in the loading thread. Default LATENT_EXPLORER_LOAD_THREADS, else min(cores, 4). */
  threads?: number;
  /** The fewest image files worth starting workers for (default POOL_MIN_FILES). */
  poolMinFiles?: number;
}

interface Slot {
  worker: Worker;
  /** Requests sent to this worker and not answered yet. */
  busy: number;
}

interface Request {
  slot: Slot;
  resolve: (reply: FromDecodeWorker) => void;
  reject: (err: Error) => void;
}

/** How many decode threads to use: the option, else the environment, else the cores (at most four). */
export function decodeThreads(opts: PoolOptions): number {
  if (opts.threads !== undefined) return opts.threads;
  const env = process.env.LATENT_EXPLORER_LOAD_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0) {
      throw new UserError(`LATENT_EXPLORER_LOAD_THREADS must be a whole number (0 decodes in the loading thread), got "${env}"`);
    }
    return n;
  }
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
}

/** The worker bundle: beside the running bundle (dist/), or the repository's dist/ when this runs from src/data. */
export function findWorkerFile(): string | null {
  const candidates = [join(__dirname, WORKER_FILE), join(__dirname, '..', '..', 'dist', WORKER_FILE)];
  return candidates.find((f) => existsSync(f)) ?? null;
}

export class DecodePool {
  private readonly slots: Slot[];
  private readonly requests = new Map<number, Request>();
  private nextId = 0;
  private closed = false;
  /** Why the pool stopped working, once it has; every later request is refused with it. */
  private failure: Error | null = null;

  /** A pool for `fileCount` image files, or null when decoding in the loading thread is the better (or only) way. */
  static open(fileCount: number, opts: PoolOptions): DecodePool | null {
    const threads = decodeThreads(opts);
    if (threads < 1 || fileCount < (opts.poolMinFiles ?? POOL_MIN_FILES)) return null;
    const file = findWorkerFile();
    if (!file) return null;
    const workers: Worker[] = [];
    try {
      // execArgv: the bundle needs none of the parent's flags (under the tests' tsx they would only slow start-up)
      for (let i = 0; i < threads; i++) workers.push(new Worker(file, { execArgv: [] }));
    } catch (err) {
      for (const w of workers) void w.terminate();
      process.emitWarning(`decoding in the loading thread: ${(err as Error)?.stack ?? String(err)}`, { code: WARNING });
      return null;
    }
    return new DecodePool(workers);
  }

  private constructor(workers: Worker[]) {
    this.slots = workers.map((worker) => ({ worker, busy: 0 }));
    for (const slot of this.slots) {
      slot.worker.on('message', (reply: FromDecodeWorker) => this.answer(reply));
      slot.worker.on('error', (err) => this.fail(err));
      slot.worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a decode worker exited with code ${code} before the load finished`));
      });
    }
  }

  get threads(): number {
    return this.slots.length;
  }

  /** True while no worker has failed: a load that never fell back decoded everything on the pool. */
  get healthy(): boolean {
    return this.failure === null;
  }

  /** Per path, the width and height its header claims (0, 0 when it has none). */
  async headers(paths: string[]): Promise<Uint32Array> {
    const reply = await this.send({ type: 'headers', id: this.nextId++, paths });
    if (reply.type !== 'headers') throw new Error(`decode worker answered a headers request with "${reply.type}"`);
    return reply.sizes;
  }

  /** Each path's outcome, in order, at `size`; the images are views into the one buffer the worker transferred. */
  async decode(paths: string[], size: TargetSize, maxPixels: number): Promise<FileOutcome[]> {
    const reply = await this.send({ type: 'decode', id: this.nextId++, paths, width: size.width, height: size.height, maxPixels });
    if (reply.type !== 'decoded') throw new Error(`decode worker answered a decode request with "${reply.type}"`);
    const outcomes: FileOutcome[] = [];
    let offset = 0;
    for (let i = 0; i < paths.length; i++) {
      const channels = reply.channels[i];
      if (channels !== 1 && channels !== 3) {
        outcomes.push({ reason: reply.reasons[i] ?? 'decode worker gave no reason' });
        continue;
      }
      const length = size.width * size.height * channels;
      const data = new Uint8Array(reply.pixels, offset, length);
      offset += length;
      outcomes.push({ image: { width: size.width, height: size.height, channels, data }, resized: reply.resized[i] === 1 });
    }
    return outcomes;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.rejectAll(new Error('the decode pool was closed'));
    await Promise.all(this.slots.map((s) => stopWorker(s.worker)));
  }

  /** To the least busy worker, so a chunk of large images on one does not hold up the others. */
  private send(msg: Exclude<ToDecodeWorker, { type: 'stop' }>): Promise<FromDecodeWorker> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the decode pool was closed'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.requests.set(msg.id, { slot, resolve, reject });
      slot.worker.postMessage(msg);
    });
  }

  private answer(reply: FromDecodeWorker): void {
    const request = this.requests.get(reply.id);
    if (!request) return;
    this.requests.delete(reply.id);
    request.slot.busy--;
    request.resolve(reply);
  }

  /** One worker's failure ends the pool: what it held is redone in the loading thread, with a warning saying why. */
  private fail(err: Error): void {
    if (this.failure || this.closed) return;
    this.failure = err;
    process.emitWarning(`decoding continues in the loading thread: ${err.stack ?? err.message}`, { code: WARNING });
    this.rejectAll(err);
    for (const s of this.slots) void stopWorker(s.worker);
  }

  private rejectAll(err: Error): void {
    for (const r of this.requests.values()) r.reject(err);
    this.requests.clear();
  }
}

/** How long a worker may take to finish the request in hand after being asked to stop, before it is terminated. */
const STOP_GRACE_MS = 60_000;

/**
 * Ends a worker after the request in hand. terminate() stops a thread wherever it is, and one stopped inside zlib's
 * inflateSync (PNG image data) aborted the whole process in Node's cleanup ("close before init", node_zlib.cc):
 * asked to stop, it finishes its decode and closes its port. terminate() stays only as the last resort for a
 * thread that never answers.
 */
function stopWorker(worker: Worker): Promise<void> {
  // a thread that has already ended (threadId −1: it failed) has nothing to stop
  if (worker.threadId < 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'stop' } satisfies ToDecodeWorker);
  });
}
