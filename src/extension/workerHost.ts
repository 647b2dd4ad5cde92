// Runs one job in a fresh child process (dist/worker.js) and turns its messages into callbacks and a promise.
//
// A process, not a worker thread: OpenBLAS's thread pool deadlocked VS Code's extension host when the host forked
// (git, search) while a worker thread was inside sgemm (native/sgemm.cc), and a crash or out-of-memory of native
// code in a thread would take the host down with it. In a child process the host can fork freely, the training
// can use every core, and whatever happens to it, the host lives on and says what happened.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';
import { UserError } from '../shared/userError';

export interface WorkerJobOptions {
  /** V8 heap limit of the job's process, in MB (Node's default when absent). */
  heapLimitMb?: number;
}

const RESULT_TYPES = new Set<WorkerToHost['type']>(['done', 'preview', 'encoded', 'latentMap', 'evaluated']);
/** The end of the child's stderr is kept for the message when it dies. */
const STDERR_TAIL = 4096;

export class WorkerJob {
  private readonly child: ChildProcess;
  private stderr = '';
  readonly done: Promise<WorkerToHost>;

  /** Resolves with the job's result message ('done', 'preview', 'encoded', 'latentMap' or 'evaluated'); rejects with a UserError, or an Error carrying the job's stack. */
  constructor(extensionPath: string, first: HostToWorker, onMessage: (m: WorkerToHost) => void, options: WorkerJobOptions = {}) {
    this.child = fork(path.join(extensionPath, 'dist', 'worker.js'), [], {
      // 'advanced': typed arrays (images, latent codes) cross as typed arrays, not as JSON
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: options.heapLimitMb ? [`--max-old-space-size=${options.heapLimitMb}`] : [],
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-STDERR_TAIL);
    });
    this.done = new Promise<WorkerToHost>((resolve, reject) => {
      this.child.on('message', (m: WorkerToHost) => {
        if (m.type === 'error') {
          reject(m.userError ? new UserError(m.message) : Object.assign(new Error(m.message), { stack: m.stack ?? m.message }));
        } else if (RESULT_TYPES.has(m.type)) resolve(m);
        else onMessage(m);
      });
      this.child.on('error', (err) => reject(err));
      this.child.on('exit', (code, signal) => reject(this.deathError(code, signal)));
    }).finally(() => {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    });
    this.child.send(first);
  }

  /** The job's process id (tests kill it to prove a dead job leaves a loadable model). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  cancel(): void {
    if (this.child.connected) this.child.send({ type: 'cancel' } satisfies HostToWorker);
  }

  private deathError(code: number | null, signal: NodeJS.Signals | null): Error {
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(this.stderr)) {
      return new UserError(
        'The training process ran out of memory and was stopped; the editor is unaffected and the last checkpoint is kept. Train on fewer images (the subset offer, or the limit option) or a smaller model.',
      );
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
    return new Error(`the training process ${how}${tail ? `: ${tail}` : ''}; the last checkpoint is kept`);
  }
}
