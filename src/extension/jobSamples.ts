// The panel's prior samples drawn by its job process, for a decoder the page cannot run (a PixelCNN's, one pass
// per pixel): progress goes to the page as the rows are drawn, the page's Cancel stops the job between rows, and
// the images (or why there are none) go back as one message.
import * as vscode from 'vscode';
import type { PageToHost } from '../protocol/webview';
import { isUserError } from '../shared/userError';
import { JobClosedError } from './jobProcess';
import { localiseError } from './localiseError';
import type { ModelPanel } from './modelPanel';
import { modelJobOf } from './panelJobs';

/** How to stop the samples each panel is drawing. */
const cancels = new WeakMap<ModelPanel, () => void>();

export function requestJobSamples(extensionPath: string, panel: ModelPanel, m: Extract<PageToHost, { type: 'requestJobSamples' }>, report: (err: unknown) => void): void {
  // a new request replaces one under way (a re-roll while drawing)
  cancels.get(panel)?.();
  const job = modelJobOf(extensionPath, panel).sample(m.count, m.temperature, m.seed, (done, total) => panel.post({ type: 'jobSamplesProgress', done, total }));
  cancels.set(panel, job.cancel);
  job.reply.then(
    (reply) => {
      if (cancels.get(panel) === job.cancel) cancels.delete(panel);
      if (reply.status === 'done') panel.post({ type: 'jobSamples', result: reply, problem: '' });
      else panel.post({ type: 'jobSamples', result: null, problem: vscode.l10n.t('cancelled') });
    },
    (err) => {
      if (err instanceof JobClosedError) return;
      if (!isUserError(err)) report(err);
      panel.post({ type: 'jobSamples', result: null, problem: localiseError((err as Error)?.message ?? String(err)) });
    },
  );
}

export function cancelJobSamples(panel: ModelPanel): void {
  cancels.get(panel)?.();
  cancels.delete(panel);
}
