// The job process: runs the heavy work (dataset loading, training, reconstructions, latent maps, encoding,
// evaluation) off the extension host's event loop and answers on the job channel (src/protocol/job.ts). The host
// forks it as a child process (src/extension/jobProcess.ts says why not a thread): one per training run, and one
// long-lived process per open model that serves that panel's requests. It also runs as a worker thread, for
// tests and embedders.
import { parentPort } from 'node:worker_threads';
import { serve, type Envelope, type Failure } from '../protocol/envelope';
import { jobRequests, type JobProgress, type JobReplies, type JobRequest } from '../protocol/job';
import { isUserError } from '../shared/userError';
import { jobHandlers } from './jobHandlers';

/** The host's end: a worker thread's port, or the IPC channel of a forked process. */
const port = parentPort ?? {
  postMessage: (e: Envelope<never, JobProgress>) => process.send?.(e),
  on: (event: 'message', listener: (e: unknown) => void) => process.on(event, listener),
};
const inThread = parentPort !== null;

// the host went away (it was closed or crashed): nothing to report to, stop
if (!inThread) process.on('disconnect', () => process.exit(0));

function toFailure(err: unknown): Failure {
  const e = err as Error;
  return { message: e?.message ?? String(err), userError: isUserError(err), stack: isUserError(err) ? undefined : e?.stack };
}

const dispatch = serve<JobRequest, JobReplies, JobProgress>(jobHandlers(inThread), (e) => port.postMessage(e), {
  messages: jobRequests,
  toFailure,
  // only a bug of ours sends a malformed request: say so where the host keeps the job's stderr
  onInvalid: (problem) => console.error(`job process: refused a message: ${problem}`),
});
port.on('message', dispatch);
