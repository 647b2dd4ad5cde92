// The thread ONNX Runtime runs on (bundled as dist/onnxWorker.js). Its sessions are asynchronous; the job's thread
// waits for each answer (syncRunner.ts), so the model's encode and decode stay synchronous like every other model's.
// Each answer to a run is posted on the port, then the shared flag set to the request's number and the waiting
// thread woken (a number, not a boolean: the answer to `open` is awaited asynchronously and must not be taken for
// the next run's).
import { existsSync } from 'node:fs';
import { workerData, type MessagePort } from 'node:worker_threads';
import type * as ortTypes from 'onnxruntime-web';
import type { FromOnnxWorker, ToOnnxWorker, WireTensor } from './messages';
import { loadRuntime, type LoadedRuntime } from './ortLoader';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };
let runtime: LoadedRuntime | null = null;
const sessions: Partial<Record<'encoder' | 'decoder', ortTypes.InferenceSession>> = {};

function answer(reply: FromOnnxWorker, transfer: ArrayBuffer[] = [], seq?: number): void {
  port.postMessage(reply, transfer);
  if (seq === undefined) return;
  Atomics.store(flag, 0, seq);
  Atomics.notify(flag, 0);
}

const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0].slice(0, 400);

async function handle(msg: ToOnnxWorker): Promise<void> {
  if (msg.type === 'open') {
    try {
      runtime ??= loadRuntime(existsSync);
    } catch (err) {
      return answer({ type: 'failed', net: null, message: firstLine(err) });
    }
    for (const net of ['encoder', 'decoder'] as const) {
      try {
        sessions[net] = await runtime.ort.InferenceSession.create(msg[net], { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
      } catch (err) {
        return answer({ type: 'failed', net, message: firstLine(err) });
      }
    }
    return answer({ type: 'opened', runtime: runtime.name });
  }
  const session = sessions[msg.net];
  if (!session || !runtime) return answer({ type: 'failed', net: msg.net, message: 'the model is not open' }, [], msg.seq);
  try {
    const feeds: Record<string, ortTypes.Tensor> = {};
    for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new runtime.ort.Tensor('float32', t.data, t.dims);
    const result = await session.run(feeds);
    const outputs: Record<string, WireTensor> = {};
    for (const [name, t] of Object.entries(result)) {
      if (t.type !== 'float32') throw new Error(`output "${name}" is ${t.type}, expected float32`);
      outputs[name] = { data: (t.data as Float32Array).slice(), dims: [...t.dims] };
    }
    answer({ type: 'ran', outputs }, Object.values(outputs).map((o) => o.data.buffer as ArrayBuffer), msg.seq);
  } catch (err) {
    answer({ type: 'failed', net: msg.net, message: firstLine(err) }, [], msg.seq);
  }
}

port.on('message', (msg: ToOnnxWorker) => void handle(msg));
