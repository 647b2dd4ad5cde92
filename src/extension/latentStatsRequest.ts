// The panel's latent statistics (label centroids, μ ranges, the aggregate posterior's mixture) from its model's job
// process; a failure the user did not ask for (opening a model) is logged, one they asked for is reported.
import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';
import { JobClosedError } from './jobProcess';
import { localiseError } from './localiseError';
import type { ModelPanel } from './modelPanel';
import { modelJobOf } from './panelJobs';

/**
 * Label centroids (attribute vectors), μ ranges (a traversal range) and the aggregate posterior's mixture, over every
 * image of the dataset by the panel's job process. Without the training data the panel says why.
 */
export function requestLatentStats(ctx: CommandContext, panel: ModelPanel, components: number, reportError: (err: unknown) => void, automatic = false): void {
  modelJobOf(ctx.extensionUri.fsPath, panel).latentStats(components).then(
    (stats) => panel.showLatentStats(stats),
    (err) => {
      if (err instanceof JobClosedError) return;
      panel.post({ type: 'notice', text: vscode.l10n.t('No attribute vectors or aggregate-posterior samples: {0}', localiseError((err as Error).message)) });
      if (automatic) ctx.output.appendLine(`latent statistics of ${panel.modelDir}: ${(err as Error).message}`);
      else reportError(err);
    },
  );
}
