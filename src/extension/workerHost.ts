// Runs one job in a fresh worker thread and turns its messages into callbacks and a promise.
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';
import { UserError } from '../userError';

export class WorkerJob {
  private readonly worker: Worker;
  readonly done: Promise<WorkerToHost>;

  /** Resolves with the job's result message ('done', 'preview', 'encoded', 'latentMap' or 'evaluated'); rejects with a UserError, or an Error carrying the worker's stack. */
  constructor(extensionPath: string, first: HostToWorker, onMessage: (m: WorkerToHost) => void, resourceLimits?: ResourceLimits) {
    this.worker = new Worker(path.join(extensionPath, 'dist', 'worker.js'), { resourceLimits });
    this.done = new Promise<WorkerToHost>((resolve, reject) => {
      this.worker.on('message', (m: WorkerToHost) => {
        if (m.type === 'error') {
          const err = m.userError ? new UserError(m.message) : Object.assign(new Error(m.message), { stack: m.stack ?? m.message });
          reject(err);
        } else if (m.type === 'done' || m.type === 'preview' || m.type === 'encoded' || m.type === 'latentMap' || m.type === 'evaluated') resolve(m);
        else onMessage(m);
      });
      this.worker.on('error', (err: Error & { code?: string }) => {
        // V8 stops a worker at its heap limit; the host (this thread) lives on and says what happened
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new UserError('The training worker ran out of memory and was stopped; the editor is unaffected and the last checkpoint is kept. Train on fewer images (the subset offer, or the limit option) or a smaller model.'));
        } else reject(err);
      });
      this.worker.on('exit', (code) => reject(new Error(`the training worker exited unexpectedly (code ${code}); it may have run out of memory`)));
    }).finally(() => void this.worker.terminate());
    this.worker.postMessage(first);
  }

  cancel(): void {
    this.worker.postMessage({ type: 'cancel' } satisfies HostToWorker);
  }
}
