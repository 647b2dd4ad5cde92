// Compare Models…: two model folders side by side in one panel (extension/comparePanel.ts). The host reads both
// manifests (curves, KL profiles, the metrics table) and asks model A's data for two images in a job process of
// its own; the page decodes the samples and interpolations itself, from both models' weights.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompareSide, MetricRow } from '../protocol/compare';
import { summaryOf } from '../protocol/summary';
import type { Manifest } from '../store/manifest';
import { readManifestFile } from '../store/readManifest';
import { pickFolder, reportError, type CommandContext } from './commandContext';
import { computeCompareMetrics } from './compareMetrics';
import { ComparePanel } from './comparePanel';
import { JobClosedError, runJob } from './jobProcess';

/** Opens the comparison of A and B (asked for when not given); resolves to the panel, or undefined when cancelled. */
export async function compareModels(ctx: CommandContext, a?: vscode.Uri, b?: vscode.Uri): Promise<ComparePanel | undefined> {
  const first = a ?? (await pickFolder(vscode.l10n.t('First model folder to compare (A)')));
  if (!first) return undefined;
  const second = b ?? (await pickFolder(vscode.l10n.t('Second model folder to compare (B)'), vscode.Uri.file(path.dirname(first.fsPath))));
  if (!second) return undefined;
  try {
    const [ma, mb] = await Promise.all([readManifestFile(first.fsPath), readManifestFile(second.fsPath)]);
    const log = (line: string) => ctx.output.appendLine(line);
    const hooks = { log, onComputeMetrics: (p: ComparePanel) => void computeCompareMetrics(ctx.extensionUri.fsPath, p, log) };
    const { panel, fresh } = ComparePanel.show(ctx.extensionUri, first.fsPath, second.fsPath, hooks);
    if (!fresh) return panel;
    panel.post({ type: 'models', a: sideOf(panel, first.fsPath, ma), b: sideOf(panel, second.fsPath, mb), rows: metricRows(ma, mb) });
    void sendPair(ctx, panel, first.fsPath, ma, mb);
    return panel;
  } catch (err) {
    reportError(ctx, err);
    if (a && b) throw err;
    return undefined;
  }
}

function sideOf(panel: ComparePanel, dir: string, m: Manifest): CompareSide {
  return {
    summary: summaryOf(dir, m),
    epochs: m.epochs,
    decoder: { weightsUri: panel.resourceUri(path.join(dir, m.weights.file)), specs: m.weights.specs.map((s) => ({ name: s.name, shape: s.shape })) },
  };
}

/** The figures both manifests hold: configuration, the last epoch, and Evaluate's results when it was run. */
export function metricRows(a: Manifest, b: Manifest): MetricRow[] {
  const last = (m: Manifest) => m.epochs.at(-1);
  const lastSplit = (m: Manifest) => last(m)?.validation ?? last(m)?.train;
  const row = (name: string, f: (m: Manifest) => number | null | undefined, better: MetricRow['better']): MetricRow => ({ name, a: finite(f(a)), b: finite(f(b)), better });
  return [
    row(vscode.l10n.t('latent size'), (m) => m.model.latentDim, 'none'),
    row(vscode.l10n.t('epochs trained'), (m) => m.epochs.length, 'none'),
    row(vscode.l10n.t('−ELBO, last epoch (validation if any)'), (m) => lastSplit(m)?.negElbo, 'lower'),
    row(vscode.l10n.t('reconstruction, last epoch'), (m) => lastSplit(m)?.recon, 'lower'),
    row(vscode.l10n.t('KL, last epoch'), (m) => lastSplit(m)?.kl, 'none'),
    row(vscode.l10n.t('active units, last epoch'), (m) => lastSplit(m)?.activeUnits, 'none'),
    row(vscode.l10n.t('−ELBO (Evaluate)'), (m) => m.evaluation?.negElbo, 'lower'),
    row(vscode.l10n.t('−log p(x), IWAE bound (Evaluate)'), (m) => m.evaluation?.iwaeNll, 'lower'),
    row(vscode.l10n.t('images evaluated'), (m) => m.evaluation?.nImages, 'none'),
  ];
}

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Two images of A's dataset (a spread: likely two classes), when both models take images of the same shape. */
async function sendPair(ctx: CommandContext, panel: ComparePanel, dirA: string, ma: Manifest, mb: Manifest): Promise<void> {
  const [sa, sb] = [ma.model.inputShape.join('×'), mb.model.inputShape.join('×')];
  if (sa !== sb) {
    panel.post({ type: 'pair', pair: null, reason: vscode.l10n.t('The same interpolation needs the same input size: A takes {0} images, B {1}.', sa, sb) });
    return;
  }
  try {
    const r = await runJob(ctx.extensionUri.fsPath, { type: 'preview', modelDir: dirA, count: 2, order: 'spread' }).reply;
    if (!r.preview || r.preview.count < 2) {
      panel.post({ type: 'pair', pair: null, reason: vscode.l10n.t('No images to interpolate between: {0}.', r.preview ? vscode.l10n.t('the dataset has fewer than two') : r.reason) });
      return;
    }
    const p = r.preview;
    const names: [string, string] = [path.basename(p.sources[0]), path.basename(p.sources[1])];
    panel.post({ type: 'pair', pair: { names, height: p.height, width: p.width, channels: p.channels, pixels: p.originals }, reason: '' });
  } catch (err) {
    if (err instanceof JobClosedError) return;
    panel.post({ type: 'pair', pair: null, reason: (err as Error).message });
    ctx.output.appendLine(`compare: images of ${dirA}: ${(err as Error).message}`);
  }
}
