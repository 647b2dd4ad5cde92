// Command handlers: small functions over a context, registered by extension.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvalMetrics } from '../shared/types';
import { modelsChanged } from './events';
import type { PreviewOrder } from '../protocol/preview';
import type { MapSpec } from '../protocol/latentMap';
import { readManifestFile as readManifest } from '../store/readManifest';
import { UserError } from '../shared/userError';
import { summaryOf } from '../protocol/summary';
import { ModelPanel, type PanelHooks } from './modelPanel';
import { REMEDIES, remedyJob, type Remedy } from '../training/remedies';
import { buildJob, cancelTraining, train, type TrainOverrides, type TrainResult } from './training';
import { choosePreset } from './presets';
import { readTrainingDefaults } from './config';
import { encodeImageInPanel, exportPng, interpolateImagesInPanel, saveEditedImage, type EncodeResult } from './encodeImage';
import { guardDatasetMemory } from './memoryGuard';
import { mayWrite } from './trust';
import { JobClosedError, runJob } from './jobProcess';
import { modelJobOf } from './panelJobs';
import { requestLatentStats } from './latentStatsRequest';
import { cancelJobSamples, requestJobSamples } from './jobSamples';
import { pickFolder, reportError, type CommandContext } from './commandContext';
import { localiseError } from './localiseError';
import { computeMetricsCommand } from './computeMetrics';
import { exportPanelLatents, requestImageSearch, requestNeighbours } from './neighbours';


/**
 * Train VAE on Folder…: the folder (asked for unless given), then the model (a preset, maybe customised) unless the
 * caller passes overrides (tests, other extensions), then training.
 */
export async function trainOnFolder(ctx: CommandContext, folder?: vscode.Uri, overrides?: TrainOverrides): Promise<TrainResult | undefined> {
  const target = folder ?? (await pickFolder(vscode.l10n.t('Dataset folder to train a VAE on'), vscode.workspace.workspaceFolders?.[0]?.uri));
  if (!target) return undefined;
  try {
    const chosen = overrides ?? (await choosePreset(currentChoices()));
    if (!chosen) return undefined;
    // inside the try: a bad setting is refused here, with a message naming it, before anything trains
    const job = buildJob(target.fsPath, chosen);
    if (!(await mayWrite(vscode.l10n.t('Training writes a model into {0}.', job.modelDir), vscode.l10n.t('Train')))) return undefined;
    const guarded = await guardDatasetMemory(job);
    if (!guarded) return undefined;
    return await train({ ...ctx, hooks: panelHooks(ctx) }, guarded);
  } catch (err) {
    reportError(ctx, err);
    // programmatic callers (tests, other extensions) get the rejection too
    if (folder) throw err;
    return undefined;
  }
}

/** What the settings choose now: where the customise boxes start. */
function currentChoices(): TrainOverrides {
  const s = readTrainingDefaults();
  const { latentDim, model, iwaeK, codebookSize, codeDim, codePrior, codePriorEpochs } = s.model;
  return { ...s.train, latentDim, model, iwaeK, codebookSize, codeDim, codePrior, codePriorEpochs };
}

export async function openModel(ctx: CommandContext, modelDir?: vscode.Uri): Promise<boolean> {
  const target = modelDir ?? (await pickFolder(vscode.l10n.t('Model folder (holding manifest.json)')));
  if (!target) return false;
  try {
    await showSavedModel(ctx, target.fsPath);
    return true;
  } catch (err) {
    reportError(ctx, err);
    return false;
  }
}

/** The hooks every model panel gets: cancel, re-rank its reconstructions, log. */
export function panelHooks(ctx: CommandContext): PanelHooks {
  return {
    onCancel: () => cancelTraining(),
    onPreview: (panel, order) => requestPreview(ctx, panel, order),
    onLatentMap: (panel, spec, automatic) => requestLatentMap(ctx, panel, spec, automatic),
    onCancelLatentMap: (panel) => mapCancels.get(panel)?.(),
    onMapImages: (panel, indices) => requestMapImages(ctx, panel, indices),
    onRetrain: (panel, remedy) => void retrainWith(ctx, panel.modelDir, remedy).catch((err) => reportError(ctx, err)),
    onExportPng: (panel, msg) => void exportPng(panel, msg).catch((err) => reportError(ctx, err)),
    onSaveImage: (panel, pixels, edit) => void saveEditedImage(panel, pixels, edit).catch((err) => reportError(ctx, err)),
    onComputeMetrics: (panel) => void computeMetricsCommand(ctx, vscode.Uri.file(panel.modelDir)).catch(() => undefined),
    onLatentStats: (panel, components, automatic) => requestLatentStats(ctx, panel, components, (err) => reportError(ctx, err), automatic),
    onPanelsChanged: (count) => {
      void vscode.commands.executeCommand('setContext', 'latentExplorer.hasModel', count > 0);
      modelsChanged.fire();
    },
    log: (line) => ctx.output.appendLine(line),
    onNeighbours: (panel, m) => requestNeighbours(ctx.extensionUri.fsPath, panel, m, (err) => reportError(ctx, err)),
    onSearchImages: (panel, query) => requestImageSearch(ctx.extensionUri.fsPath, panel, query, (err) => reportError(ctx, err)),
    onExportLatents: (panel) => exportPanelLatents(panel),
    onJobSamples: (panel, m) => requestJobSamples(ctx.extensionUri.fsPath, panel, m, (err) => reportError(ctx, err)),
    onCancelJobSamples: (panel) => cancelJobSamples(panel),
  };
}

/** Encode Image (Explorer context menu, image preview title, palette): the image through the current model. */
export async function encodeImage(ctx: CommandContext, image?: vscode.Uri): Promise<EncodeResult | undefined> {
  const target =
    image ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg'] }, title: vscode.l10n.t('Image to encode') }))?.[0];
  if (!target) return undefined;
  try {
    if (!ModelPanel.current && !(await openModel(ctx))) return undefined;
    return await encodeImageInPanel(ctx, ModelPanel.current!, target);
  } catch (err) {
    reportError(ctx, err);
    if (image) throw err;
    return undefined;
  }
}

/** Opens a panel on a saved model and fills it: manifest at once, reconstructions and map from its job process. */
export async function showSavedModel(ctx: CommandContext, dir: string, existing?: ModelPanel): Promise<void> {
  const manifest = await readManifest(dir);
  const panel = existing ?? ModelPanel.show(ctx.extensionUri, dir, panelHooks(ctx));
  panel.showModel(summaryOf(dir, manifest), manifest.epochs);
  panel.showDecoder(manifest);
  requestPreview(ctx, panel, 'spread');
  // the PCA map comes at once (UMAP, slower, on request)
  requestLatentMap(ctx, panel, { method: 'pca' }, true);
  requestLatentStats(ctx, panel, 0, (err) => reportError(ctx, err), true);
}

/** Reconstructions for the panel, computed by its model's job process from the last checkpoint and its dataset. */
export function requestPreview(ctx: CommandContext, panel: ModelPanel, order: PreviewOrder): void {
  modelJobOf(ctx.extensionUri.fsPath, panel).preview(16, order).then(
    (r) => {
      if (r.preview) panel.showPreview(r.preview);
      else panel.post({ type: 'notice', text: vscode.l10n.t('No reconstructions: {0}.', r.reason) });
    },
    (err) => {
      // a request given up on because its panel closed is nobody's concern
      if (!(err instanceof JobClosedError)) reportError(ctx, err);
    },
  );
}

/** A remedy from the collapse verdict: a new training run on the same data with one change, in its own folder. */
export async function retrainWith(ctx: CommandContext, modelDir: string, remedy: Remedy): Promise<TrainResult> {
  const manifest = await readManifest(modelDir);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const job = remedyJob(modelDir, manifest, remedy, stamp);
  if (!(await mayWrite(vscode.l10n.t('Retraining writes a new model into {0}.', job.modelDir), vscode.l10n.t('Train')))) throw new UserError(vscode.l10n.t('Retraining was not started: the workspace is in Restricted Mode.'));
  ctx.output.appendLine(`${REMEDIES[remedy]}: retraining ${modelDir} → ${job.modelDir}`);
  return train({ ...ctx, hooks: panelHooks(ctx) }, job);
}

/** Interpolate Between Images (Explorer, two images selected): they become A and B in the current model's panel. */
export async function interpolateImages(ctx: CommandContext, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<boolean> {
  const images = (selected?.length ? selected : clicked ? [clicked] : []).filter((u) => /\.(png|jpe?g)$/i.test(u.fsPath));
  if (images.length !== 2) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select exactly two PNG or JPEG images in the Explorer to interpolate between them.'));
    return false;
  }
  try {
    if (!ModelPanel.current && !(await openModel(ctx))) return false;
    await interpolateImagesInPanel(ctx, ModelPanel.current!, images[0], images[1]);
    return true;
  } catch (err) {
    reportError(ctx, err);
    return false;
  }
}

/** Brings the current model's panel forward at its samples from the prior, freshly drawn. */
export function sampleFromPriorCommand(): boolean {
  const panel = ModelPanel.current;
  if (!panel) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a model first (Latent Explorer: Open Model…).'));
    return false;
  }
  panel.panel.reveal();
  panel.post({ type: 'showSamples' });
  return true;
}

/**
 * Evaluate (side view, palette): −ELBO and the IWAE estimate (k = 100) on up to 1 000 images, by the job process
 * of the model's open panel, or by a process of its own when the model is not open.
 */
export async function evaluateModelCommand(ctx: CommandContext, modelDir?: vscode.Uri): Promise<EvalMetrics | undefined> {
  const dir = modelDir?.fsPath ?? ModelPanel.current?.modelDir;
  if (!dir) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a model first (Latent Explorer: Open Model…).'));
    return undefined;
  }
  if (!(await mayWrite(vscode.l10n.t('Evaluating records the figures in {0}.', path.join(dir, 'manifest.json')), vscode.l10n.t('Evaluate')))) return undefined;
  try {
    const metrics = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Evaluating {0} (IWAE, k = 100)…', path.basename(dir)) },
      () => {
        const panel = ModelPanel.forModel(dir);
        if (panel) return modelJobOf(ctx.extensionUri.fsPath, panel).evaluate(100, 1000);
        return runJob(ctx.extensionUri.fsPath, { type: 'evaluate', modelDir: dir, iwaeK: 100, maxImages: 1000 }).reply;
      },
    );
    // a VQ-VAE has no IWAE estimate: its bound under a uniform prior over codes, and its codebook use
    const cb = metrics.codebook;
    const text = cb
      ? vscode.l10n.t(
          '{0}: −log p(x) ≤ {1} nats (reconstruction {2} + cells × log K = {3}, a uniform prior over the codes), commitment {4}, {5}/{6} codes used, perplexity {7}, {8} images.',
          path.basename(dir),
          metrics.negElbo.toFixed(2),
          metrics.recon.toFixed(2),
          metrics.kl.toFixed(2),
          String(cb.commitment?.toFixed(2)),
          cb.used,
          cb.counts.length,
          cb.perplexity.toFixed(2),
          metrics.nImages,
        )
      : vscode.l10n.t(
          '{0}: −ELBO {1} nats (reconstruction {2}, KL {3}), −log p(x) ≈ {4} nats (IWAE k = {5}), active units {6}/{7}, {8} images.',
          path.basename(dir),
          metrics.negElbo.toFixed(2),
          metrics.recon.toFixed(2),
          metrics.kl.toFixed(2),
          String(metrics.iwaeNll?.toFixed(2)),
          String(metrics.iwaeK),
          metrics.activeUnits,
          metrics.klPerDim.length,
          metrics.nImages,
        );
    ctx.output.appendLine(text);
    const panel = ModelPanel.forModel(dir);
    // an imported model's KL per dimension comes from its evaluation (it has no epochs): the panel gets the new one
    const saved = panel ? await readManifest(dir) : null;
    if (panel && saved?.onnx) panel.showModel(summaryOf(dir, saved), saved.epochs);
    panel?.post({ type: 'notice', text });
    void vscode.window.showInformationMessage(text);
    modelsChanged.fire();
    return metrics;
  } catch (err) {
    reportError(ctx, err);
    if (modelDir) throw err;
    return undefined;
  }
}

/** How to stop the map each panel is computing (the page's Cancel). */
const mapCancels = new WeakMap<ModelPanel, () => void>();

/** The latent map of the panel's model, computed by its job process: every image, PCA, UMAP or a custom axis. */
export function requestLatentMap(ctx: CommandContext, panel: ModelPanel, spec: MapSpec, automatic = false): void {
  let cancelled = false;
  const job = modelJobOf(ctx.extensionUri.fsPath, panel).latentMap(spec, (progress) => panel.post({ type: 'mapProgress', progress }));
  mapCancels.get(panel)?.();
  mapCancels.set(panel, () => {
    cancelled = true;
    job.cancel();
  });
  job.reply.then(
    (map) => panel.showLatentMap(map),
    (err) => {
      if (err instanceof JobClosedError) return; // the panel closed
      panel.post({ type: 'notice', text: vscode.l10n.t('No latent map: {0}', localiseError((err as Error).message)) });
      // a map the user did not ask for (opening a model) or stopped fails quietly, in the panel only
      if (automatic || cancelled) ctx.output.appendLine(`latent map of ${panel.modelDir}: ${(err as Error).message}`);
      else reportError(ctx, err);
    },
  );
}

/** The images of some map points for the page's thumbnails (they are fetched on demand: never the whole dataset). */
function requestMapImages(ctx: CommandContext, panel: ModelPanel, indices: Int32Array): void {
  modelJobOf(ctx.extensionUri.fsPath, panel).mapImages(indices).then(
    (images) => panel.post({ type: 'mapImages', images }),
    (err) => {
      if (!(err instanceof JobClosedError)) ctx.output.appendLine(`map images of ${panel.modelDir}: ${(err as Error).message}`);
    },
  );
}

/** True when a run was asked to stop (tests and other extensions can tell "cancelled" from "nothing to cancel"). */
export function cancelTrainingCommand(): boolean {
  const cancelled = cancelTraining();
  if (!cancelled) void vscode.window.showInformationMessage(vscode.l10n.t('No training run is in progress.'));
  return cancelled;
}
