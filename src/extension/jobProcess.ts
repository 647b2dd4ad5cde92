// One job process (dist/worker.js) as the host sees it: a child process and the asking end of the job channel
// (src/protocol/job.ts), with requests matched to replies by the envelope's ids. `runJob` uses one for a single
// request (a training run); `ModelJob` (modelJob.ts) keeps one alive per open model.
//
// A process, not a worker thread: OpenBLAS's thread pool deadlocked VS Code's extension host when the host forked
// (git, search) while a worker thread was inside sgemm (native/sgemm.cc), and a crash or out-of-memory of native
// code in a thread would take the host down with it. In a child process the host can fork freely, the job can
// use every core, and whatever happens to it, the host lives on and says what happened.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { envelopeProblem, Requester, type Envelope, type Failure } from '../protocol/envelope';
import type { JobProgress, JobReplies, JobRequest, JobRequester } from '../protocol/job';
import { UserError } from '../shared/userError';

export interface JobProcessOptions {
  /** V8 heap limit of the job's process, in MB (Node's default when absent). */
  heapLimitMb?: number;
  /** What the process is for, so that its death is told in the right words. */
  role?: 'training' | 'model';
}

/** A request given up on because its job was closed (the panel went away): nothing to report. */
export class JobClosedError extends Error {
  constructor(what: string) {
    super(`${what} was closed`);
    this.name = 'JobClosedError';
  }
}

type Msg<K extends JobRequest['type']> = Extract<JobRequest, { type: K }>;

/** The end of the child's stderr is kept for the message when it dies. */
const STDERR_TAIL = 4096;
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;

export class JobProcess {
  private readonly child: ChildProcess;
  private readonly requester: JobRequester;
  private stderr = '';
  private outOfMemory = false;
  private death: Error | null = null;
  private readonly role: 'training' | 'model';

  constructor(extensionPath: string, options: JobProcessOptions = {}) {
    this.role = options.role ?? 'model';
    this.child = fork(path.join(extensionPath, 'dist', 'worker.js'), [], {
      // 'advanced': typed arrays (images, latent codes) cross as typed arrays, not as JSON
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: options.heapLimitMb ? [`--max-old-space-size=${options.heapLimitMb}`] : [],
    });
    this.requester = new Requester<JobRequest, JobReplies, JobProgress>((e) => {
      // a request to a process already gone fails at once (Requester rejects it) instead of waiting forever
      if (this.death || !this.child.connected) throw this.death ?? new Error(`the ${this.what} is not running`);
      this.child.send(e);
    }, toError);
    this.child.stderr?.on('data', (d: Buffer) => {
      const text = this.stderr + d.toString();
      // V8 prints its out-of-memory line first and a long native stack after it, which can push it out of the tail
      if (OUT_OF_MEMORY.test(text)) this.outOfMemory = true;
      this.stderr = text.slice(-STDERR_TAIL);
    });
    this.child.on('message', (e: unknown) => {
      // our own process: a malformed envelope is a bug of ours, for the extension host's log
      const problem = envelopeProblem(e);
      if (problem) console.error(`Latent Explorer: a malformed message from the ${this.what}: ${problem}`);
      else this.requester.receive(e as Envelope);
    });
    this.child.on('error', (err) => this.die(err));
    // 'close', not 'exit': by then stderr is read to its end
    this.child.on('close', (code, signal) => this.die(this.deathError(code, signal)));
  }

  /** Sends a request; its reply rejects with a UserError, an Error carrying the job's stack, or why the process died. */
  request<K extends JobRequest['type']>(message: Msg<K>, onProgress?: (p: JobProgress) => void): { id: number; reply: Promise<JobReplies[K]> } {
    return this.requester.request(message, onProgress);
  }

  /** Asks the job to stop request `id` (training stops at the next batch and replies "cancelled"). */
  cancel(id: number): void {
    if (!this.death && this.child.connected) this.requester.cancel(id);
  }

  /** False once the process exited (then a new one is needed). */
  get alive(): boolean {
    return this.death === null;
  }

  /** The job's process id (tests kill it to prove a dead job is survived). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops the process; requests still waiting fail with a JobClosedError. */
  dispose(): void {
    this.die(new JobClosedError(`the ${this.what}`));
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private get what(): string {
    return this.role === 'training' ? 'training process' : "model's job process";
  }

  private die(err: Error): void {
    if (!this.death) this.death = err;
    this.requester.failAll(this.death);
  }

  private deathError(code: number | null, signal: NodeJS.Signals | null): Error {
    const training = this.role === 'training';
    if (this.outOfMemory) {
      return new UserError(
        training
          ? 'The training process ran out of memory and was stopped; the editor is unaffected and the last checkpoint is kept. Train on fewer images (the subset offer, or the limit option) or a smaller model.'
          : "The model's job process ran out of memory and was stopped; the editor is unaffected, and the next request starts it again. A dataset this large may need a smaller subset.",
      );
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
    const after = training ? 'the last checkpoint is kept' : 'the next request starts it again';
    return new Error(`the ${this.what} ${how}${tail ? `: ${tail}` : ''}; ${after}`);
  }
}

function toError(f: Failure): Error {
  return f.userError ? new UserError(f.message) : Object.assign(new Error(f.message), { stack: f.stack ?? f.message });
}

/** One request in a process of its own, ended when the request settles: a training run (cancel, kill tests rely on it). */
export function runJob<K extends JobRequest['type']>(
  extensionPath: string,
  message: Msg<K>,
  onProgress?: (p: JobProgress) => void,
  options: JobProcessOptions = {},
): { reply: Promise<JobReplies[K]>; cancel(): void; pid: number | undefined } {
  const job = new JobProcess(extensionPath, { role: message.type === 'train' ? 'training' : 'model', ...options });
  const { id, reply } = job.request(message, onProgress);
  return { reply: reply.finally(() => job.dispose()), cancel: () => job.cancel(id), pid: job.pid };
}
