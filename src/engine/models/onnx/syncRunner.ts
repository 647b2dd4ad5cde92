// Synchronous calls into ONNX Runtime, which only answers asynchronously: the sessions live on a thread of their
// own (onnxWorker.ts) and this thread blocks on a shared flag (Atomics.wait) until the answer is on the port, then
// takes it with receiveMessageOnPort. That keeps VaeModel's encode/decode synchronous (tfjs-style), so every job
// handler, the evaluation and the CLI run an imported model through the same code as ours.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import type { FromOnnxWorker, ToOnnxWorker, WireTensor } from './messages';

/** Longer than any batch can take; past it the runtime's thread is presumed dead. */
const ANSWER_TIMEOUT_MS = 10 * 60 * 1000;

const WORKER_FILE = 'onnxWorker.js';

/** dist/onnxWorker.js beside the bundle, or the repository's dist/ when running from sources (tests: built first). */
function workerFile(exists: (file: string) => boolean): string {
  const candidates = [join(__dirname, WORKER_FILE), join(__dirname, '..', '..', '..', '..', 'dist', WORKER_FILE)];
  const found = candidates.find(exists);
  if (!found) throw new Error(`${WORKER_FILE} is missing beside ${__filename} (run the build)`);
  return found;
}

export class OnnxFailure extends Error {
  constructor(
    readonly net: 'encoder' | 'decoder' | null,
    message: string,
  ) {
    super(message);
  }
}

export class SyncOnnxRunner {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private seq = 0;

  private constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(file, { workerData: { port: port2, flag: this.flag }, transferList: [port2], execArgv: [] });
  }

  /**
   * Starts the runtime's thread and creates both sessions from the files' bytes, waiting asynchronously (a thread
   * that fails to start reports here instead of leaving a blocked wait); resolves to the runtime's name. Rejects
   * with OnnxFailure naming the file that failed.
   */
  static async start(encoder: Uint8Array, decoder: Uint8Array, exists: (file: string) => boolean): Promise<{ runner: SyncOnnxRunner; runtime: string }> {
    const runner = new SyncOnnxRunner(workerFile(exists));
    try {
      const reply = await new Promise<FromOnnxWorker>((resolve, reject) => {
        runner.worker.once('error', reject);
        runner.worker.once('exit', (code) => reject(new Error(`the ONNX Runtime thread exited (code ${code})`)));
        runner.port.once('message', resolve);
        runner.port.postMessage({ type: 'open', encoder, decoder } satisfies ToOnnxWorker);
      });
      runner.worker.removeAllListeners('error');
      runner.worker.removeAllListeners('exit');
      // from here on answers are taken synchronously (receiveMessageOnPort); the thread must not keep a CLI run alive
      runner.port.removeAllListeners('message');
      runner.port.unref();
      runner.worker.unref();
      if (reply.type === 'failed') throw new OnnxFailure(reply.net, reply.message);
      return { runner, runtime: reply.type === 'opened' ? reply.runtime : '' };
    } catch (err) {
      runner.close();
      throw err;
    }
  }

  /** Posts a run and blocks until the flag holds its number, then takes the answer off the port. */
  private call(msg: Omit<Extract<ToOnnxWorker, { type: 'run' }>, 'seq'>): FromOnnxWorker {
    if (this.closed) throw new Error('the ONNX runtime was closed');
    // wraps long before 2^31 requests; 0 is never a request's number
    const seq = (this.seq = (this.seq % 0x7ffffffe) + 1);
    this.port.postMessage({ ...msg, seq } satisfies ToOnnxWorker);
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (let now = Atomics.load(this.flag, 0); now !== seq; now = Atomics.load(this.flag, 0)) {
      if (Date.now() > deadline) throw new Error('ONNX Runtime did not answer within 10 minutes');
      Atomics.wait(this.flag, 0, now, 1000);
    }
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new Error('ONNX Runtime raised its flag without an answer');
    const reply = got.message as FromOnnxWorker;
    if (reply.type === 'failed') throw new OnnxFailure(reply.net, reply.message);
    return reply;
  }

  run(net: 'encoder' | 'decoder', feeds: Record<string, WireTensor>): Record<string, WireTensor> {
    const reply = this.call({ type: 'run', net, feeds });
    if (reply.type !== 'ran') throw new Error(`unexpected answer ${reply.type}`);
    return reply.outputs;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
