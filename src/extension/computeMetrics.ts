// Compute Metrics (palette, side view, the panel's Metrics section): engine/metrics/ on the model's data by the job
// process of its open panel (or a process of its own), with a cancellable progress notification; the report goes
// to the panel's Metrics section and the output channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobProgress } from '../protocol/job';
import type { MetricsReport, MetricsStep } from '../protocol/metrics';
import { METRICS_STEPS } from '../protocol/metrics';
import { reportError, type CommandContext } from './commandContext';
import { JobClosedError, runJob } from './jobProcess';
import { ModelPanel } from './modelPanel';
import { modelJobOf } from './panelJobs';

/** Images measured (a spread of the dataset), samples compared with as many data images, and the seed. */
const METRICS_REQUEST = { maxImages: 5000, compareImages: 1000, seed: 1 };

function stepLabel(step: MetricsStep): string {
  switch (step) {
    case 'encode':
      return vscode.l10n.t('encoding the images');
    case 'mutualInformation':
      return vscode.l10n.t('mutual information and total correlation');
    case 'probe':
      return vscode.l10n.t('linear probe');
    case 'sharpness':
      return vscode.l10n.t('sampling and sharpness');
    case 'classifier':
      return vscode.l10n.t('training the feature classifier');
    case 'frechet':
      return vscode.l10n.t('Fréchet distance');
    case 'factors':
      return vscode.l10n.t('MIG, DCI and SAP');
  }
}

/** Asks whether to use a factors CSV: its Uri, null for none, undefined when the user dismissed the question. */
async function askFactors(dir: string): Promise<vscode.Uri | null | undefined> {
  const none = vscode.l10n.t('Without factors');
  const csv = vscode.l10n.t('With a factors CSV…');
  const picked = await vscode.window.showQuickPick([none, csv], { title: vscode.l10n.t('Compute Metrics of {0}', path.basename(dir)), placeHolder: vscode.l10n.t('A factors CSV adds MIG, DCI and SAP') });
  if (picked === undefined) return undefined;
  if (picked === none) return null;
  const file = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { CSV: ['csv'] }, title: vscode.l10n.t('Factors CSV (first column: image path relative to the dataset folder)') });
  return file?.[0];
}

/**
 * `factors`: a CSV of ground-truth factors (null: none; absent: ask). Resolves with the report, or undefined when
 * the user cancelled; a programmatic caller (a model folder given) also gets the failure as a rejection.
 */
export async function computeMetricsCommand(ctx: CommandContext, modelDir?: vscode.Uri, options: { factors?: vscode.Uri | null } = {}): Promise<MetricsReport | undefined> {
  const dir = modelDir?.fsPath ?? ModelPanel.current?.modelDir;
  if (!dir) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a model first (Latent Explorer: Open Model…).'));
    return undefined;
  }
  const panel = () => ModelPanel.forModel(dir);
  const factors = options.factors !== undefined ? options.factors : await askFactors(dir);
  if (factors === undefined) {
    panel()?.post({ type: 'metricsState', state: 'cancelled' });
    return undefined;
  }
  panel()?.post({ type: 'metricsState', state: 'running' });
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Computing metrics of {0}', path.basename(dir)), cancellable: true },
      (progress, token) => {
        let reported = 0;
        const onProgress = (p: JobProgress) => {
          if (p.type !== 'metrics') return;
          // each step is an equal share of the bar; within a step, its own done/total
          const at = ((METRICS_STEPS.indexOf(p.step) + (p.total ? p.done / p.total : 0)) / METRICS_STEPS.length) * 100;
          progress.report({ message: stepLabel(p.step), increment: Math.max(0, at - reported) });
          reported = Math.max(reported, at);
        };
        const request = { ...METRICS_REQUEST, factorsFile: factors?.fsPath };
        const open = panel();
        const job = open ? modelJobOf(ctx.extensionUri.fsPath, open).metrics(request, onProgress) : runJob(ctx.extensionUri.fsPath, { type: 'metrics', modelDir: dir, ...request }, onProgress);
        token.onCancellationRequested(() => job.cancel());
        return job.reply;
      },
    );
    if (outcome.cancelled) {
      panel()?.post({ type: 'metricsState', state: 'cancelled' });
      void vscode.window.showInformationMessage(vscode.l10n.t('Computing metrics of {0} was cancelled.', path.basename(dir)));
      return undefined;
    }
    const r = outcome.report;
    panel()?.post({ type: 'metrics', report: r });
    const text = vscode.l10n.t(
      'Metrics of {0} ({1} images): I(x;z) {2} nats (at most {3}), total correlation {4}, active units {5}/{6}, linear probe {7}, Fréchet distance {8} (classifier features, not FID).',
      path.basename(dir),
      r.nImages,
      r.mutualInformation.value.toFixed(3),
      r.mutualInformation.bound.toFixed(3),
      r.totalCorrelation?.toFixed(3) ?? '—',
      r.activeUnits,
      r.latentDim,
      r.linearProbe?.accuracy.toFixed(3) ?? '—',
      r.frechet?.distance.toFixed(2) ?? '—',
    );
    ctx.output.appendLine(text);
    if (r.factors) ctx.output.appendLine(`  MIG ${r.factors.mig?.toFixed(3) ?? '—'}, DCI ${JSON.stringify(r.factors.dci)}, SAP ${r.factors.sap?.toFixed(3) ?? '—'} (${r.factors.file})`);
    for (const n of r.notes) ctx.output.appendLine(`  ${n}`);
    void vscode.window.showInformationMessage(text);
    return r;
  } catch (err) {
    panel()?.post({ type: 'metricsState', state: 'failed' });
    if (err instanceof JobClosedError) return undefined; // the panel closed meanwhile
    reportError(ctx, err);
    if (modelDir) throw err;
    return undefined;
  }
}
