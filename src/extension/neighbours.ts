// The k-NN inspector's requests from a model panel, answered by the panel's job process (which keeps every
// image's μ for the model): the reply, or why there is none, goes back to the page as one message.
import * as vscode from 'vscode';
import type { PageToHost } from '../protocol/webview';
import { isUserError } from '../shared/userError';
import { JobClosedError } from './jobProcess';
import { localiseError } from './localiseError';
import type { ModelPanel } from './modelPanel';
import { modelJobOf } from './panelJobs';

type Report = (err: unknown) => void;

/** A UserError (the data is gone, an unknown image) is said in the section; a bug is also reported. */
function problemOf(err: unknown, report: Report): string {
  if (!isUserError(err)) report(err);
  return localiseError((err as Error)?.message ?? String(err));
}

export function requestNeighbours(extensionPath: string, panel: ModelPanel, m: Extract<PageToHost, { type: 'requestNeighbours' }>, report: Report): void {
  modelJobOf(extensionPath, panel).neighbours({ index: m.index, source: m.source }, m.k, m.metric).then(
    (result) => panel.post({ type: 'neighbours', result, problem: '' }),
    (err) => {
      if (!(err instanceof JobClosedError)) panel.post({ type: 'neighbours', result: null, problem: problemOf(err, report) });
    },
  );
}

export function requestImageSearch(extensionPath: string, panel: ModelPanel, query: string, report: Report): void {
  modelJobOf(extensionPath, panel).searchImages(query).then(
    (result) => panel.post({ type: 'imageSearch', result, problem: '' }),
    (err) => {
      if (!(err instanceof JobClosedError)) panel.post({ type: 'imageSearch', result: null, problem: problemOf(err, report) });
    },
  );
}

/** The header's button: Export Latents… for this panel's model (the command asks for the images and the file). */
export function exportPanelLatents(panel: ModelPanel): void {
  void vscode.commands.executeCommand('latentExplorer.exportLatents', vscode.Uri.file(panel.modelDir));
}
