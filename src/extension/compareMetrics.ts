// Compute metrics for both (the compare panel's button): the metrics job (I(x; z), Gaussian TC, active units,
// the linear probe, sharpness, the Fréchet distance on the classifier's features) run on A, then on B, each in a job
// process of its own under one cancellable notification, and added to the panel's metrics table.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MetricRow } from '../protocol/compare';
import type { MetricsReport } from '../protocol/metrics';
import type { ComparePanel } from './comparePanel';
import { runJob } from './jobProcess';
import { localiseError } from './localiseError';

/** Images each model's metrics use at most, and prior samples compared with the data (the CLI's defaults). */
const MAX_IMAGES = 5000;
const COMPARE_IMAGES = 1000;

export async function computeCompareMetrics(extensionPath: string, panel: ComparePanel, log: (line: string) => void): Promise<void> {
  const reports: (MetricsReport | null)[] = [];
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Computing metrics of both models'), cancellable: true },
      async (progress, token) => {
        for (const dir of panel.dirs) {
          if (token.isCancellationRequested) return;
          progress.report({ message: path.basename(dir) });
          const run = runJob(extensionPath, { type: 'metrics', modelDir: dir, maxImages: MAX_IMAGES, compareImages: COMPARE_IMAGES, seed: 1 });
          const sub = token.onCancellationRequested(() => run.cancel());
          try {
            const outcome = await run.reply;
            reports.push(outcome.report);
          } finally {
            sub.dispose();
          }
        }
      },
    );
  } catch (err) {
    log(`compare metrics: ${(err as Error).message}`);
    panel.post({ type: 'metricRows', rows: [], note: vscode.l10n.t('No metrics: {0}', localiseError((err as Error).message)) });
    return;
  }
  const [a, b] = reports;
  if (!a || !b) {
    panel.post({ type: 'metricRows', rows: [], note: vscode.l10n.t('Computing the metrics was cancelled.') });
    return;
  }
  panel.post({ type: 'metricRows', rows: metricsRows(a, b), note: vscode.l10n.t('Metrics on up to {0} images of each model’s data, seed 1 (as the CLI’s metrics command).', MAX_IMAGES) });
}

/** The metrics job's figures as table rows; "better" only where the direction means better. */
export function metricsRows(a: MetricsReport, b: MetricsReport): MetricRow[] {
  const row = (name: string, f: (r: MetricsReport) => number | null | undefined, better: MetricRow['better']): MetricRow => ({ name, a: f(a) ?? null, b: f(b) ?? null, better });
  return [
    row(vscode.l10n.t('mutual information I(x; z), nats'), (r) => r.mutualInformation.value, 'none'),
    row(vscode.l10n.t('total correlation (Gaussian), nats'), (r) => r.totalCorrelation, 'none'),
    row(vscode.l10n.t('active units'), (r) => r.activeUnits, 'none'),
    row(vscode.l10n.t('linear probe accuracy'), (r) => r.linearProbe?.accuracy, 'higher'),
    row(vscode.l10n.t('sharpness of samples'), (r) => r.sharpness.samples, 'none'),
    row(vscode.l10n.t('Fréchet distance (classifier features)'), (r) => r.frechet?.distance, 'lower'),
  ];
}
