// Starting, following and cancelling the one training run the extension allows at a time.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EpochMetrics, ModelConfig, TrainConfig } from '../shared/types';
import { readRunSettings, type FieldNames } from '../shared/trainConfig';
import type { JobProgress } from '../protocol/job';
import type { TrainingJob } from '../training/runTraining';
import { readManifestFile } from '../store/readManifest';
import type { TrainingStatus } from '../protocol/sideView';
import { UserError } from '../shared/userError';
import { modelsChanged } from './events';
import { modelsFolder, readTrainingDefaults } from './config';
import { summaryOf } from '../protocol/summary';
import { ModelPanel, type PanelHooks } from './modelPanel';
import { runJob } from './jobProcess';

/** What tests and other commands may pass to latentExplorer.trainOnFolder instead of using the settings. */
export interface TrainOverrides {
  epochs?: number;
  latentDim?: number;
  hidden?: number[];
  likelihood?: ModelConfig['likelihood'];
  beta?: number;
  warmupEpochs?: number;
  freeBits?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** The variant and network (the presets of Train VAE on Folder… set these). */
  model?: ModelConfig['model'];
  iwaeK?: number;
  net?: ModelConfig['net'];
  /** VQ-VAE: K codes of D, the commitment weight, EMA codebook updates. */
  codebookSize?: number;
  codeDim?: number;
  commitment?: number;
  ema?: boolean;
  /** VQ-VAE: the prior over code grids samples come from ('ar' fitted after the epochs, or 'uniform'), its hidden units and epochs. */
  codePrior?: ModelConfig['codePrior'];
  codePriorHidden?: number;
  codePriorEpochs?: number;
  /** VAE-GAN: the reconstruction terms' weight γ in the decoder's objective. */
  gamma?: number;
  /** A learnable prior (MoG, VampPrior) of K components, a flow posterior (planar, IAF) of N steps. */
  prior?: ModelConfig['prior'];
  priorComponents?: number;
  flow?: ModelConfig['flow'];
  flowSteps?: number;
  /** The decoder: the encoder's mirror or an autoregressive PixelCNN. */
  decoder?: ModelConfig['decoder'];
  klSchedule?: TrainConfig['klSchedule'];
  klCycles?: number;
  klRatio?: number;
  limit?: number;
  modelDir?: string;
}

export interface TrainResult {
  modelDir: string;
  status: 'completed' | 'cancelled';
  epochs: EpochMetrics[];
  /** A VQ-VAE's autoregressive code prior: fitted, or cancelled during its fit (the model keeps the uniform prior). */
  codePrior?: 'fitted' | 'cancelled';
}

export interface TrainingContext {
  extensionUri: vscode.Uri;
  output: vscode.OutputChannel;
  hooks: PanelHooks;
}

let active: { cancel(): void; modelDir: string } | null = null;
let status: TrainingStatus | null = null;

/** The run in progress, for the side view. */
export function trainingStatus(): TrainingStatus | null {
  return status;
}

export function isTraining(): boolean {
  return active !== null;
}

export function cancelTraining(): boolean {
  if (!active) return false;
  active.cancel();
  return true;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

// overrides come from code (tests, other extensions), so their errors name the command's option
const OVERRIDE_NAMES: FieldNames = {
  name: (field) => `the ${field} option`,
  explain: (problem) => `latentExplorer.trainOnFolder: ${problem}.`,
};

/**
 * The job for training on `folder`: the settings overlaid with a caller's overrides. Both are checked by the one
 * validator, so a bad setting is refused here, naming it, before anything trains or is written.
 */
export function buildJob(folder: string, o: TrainOverrides): TrainingJob {
  const settings = readTrainingDefaults();
  const { limit, modelDir, ...chosen } = o;
  const given = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined));
  const run = readRunSettings({ ...settings.model, ...settings.train, validationFraction: settings.validationFraction, ...given }, OVERRIDE_NAMES);
  return {
    datasetPath: folder,
    modelDir: modelDir ?? path.join(modelsFolder(folder), `${path.basename(folder)}-${timestamp()}`),
    model: run.model,
    train: run.train,
    load: { limit },
    validationFraction: run.validationFraction,
  };
}

/** Trains in a job process of its own under a cancellable progress notification, updating the model's panel every epoch. */
export async function train(ctx: TrainingContext, job: TrainingJob): Promise<TrainResult> {
  if (active) throw new UserError(vscode.l10n.t('A training run is already in progress ({0}). Cancel it first, or wait for it to finish.', path.basename(active.modelDir)));
  const log = (line: string) => ctx.output.appendLine(`[${new Date().toLocaleTimeString()}] ${line}`);
  const panel = ModelPanel.show(ctx.extensionUri, job.modelDir, ctx.hooks);
  log(`training on ${job.datasetPath} → ${job.modelDir}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Training VAE on {0}', path.basename(job.datasetPath)), cancellable: true },
    async (progress, token) => {
      let lastEpoch = 0;
      let lastSideUpdate = 0;
      // the notification can be hidden; the status bar keeps training visible (click: cancel)
      const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
      statusItem.text = `$(sync~spin) ${vscode.l10n.t('VAE: loading images…')}`;
      statusItem.tooltip = vscode.l10n.t('Latent Explorer is training on {0}. Click to cancel (the last checkpoint is kept).', job.datasetPath);
      statusItem.command = 'latentExplorer.cancelTraining';
      statusItem.show();
      const onProgress = (m: JobProgress) => {
        if (m.type === 'loading') progress.report({ message: vscode.l10n.t('loading images {0}/{1}', m.done, m.total) });
        else if (m.type === 'loaded') {
          log(`loaded ${m.report.loaded} images (${m.nTrain} train, ${m.nValidation} validation), ${m.report.skipped.length} skipped; ${m.kernels}`);
          for (const s of m.report.skipped) log(`  skipped ${s.path}: ${s.reason}`);
          panel.showModel(
            summaryOf(job.modelDir, {
              status: 'training',
              model: m.model,
              training: job.train,
              dataset: { root: job.datasetPath, fingerprint: '', count: m.report.loaded, trainCount: m.nTrain, validationCount: m.nValidation, height: m.model.inputShape[0], width: m.model.inputShape[1], channels: m.model.inputShape[2] as 1 | 3, labelNames: m.labelNames },
            }),
            [],
          );
        } else if (m.type === 'batch') {
          progress.report({ message: vscode.l10n.t('epoch {0}/{1}, batch {2}/{3}, loss {4}', m.epoch, job.train.epochs, m.batch, m.batches, m.loss.toFixed(2)) });
          statusItem.text = `$(sync~spin) ${vscode.l10n.t('VAE epoch {0}/{1} · loss {2}', m.epoch, job.train.epochs, m.loss.toFixed(1))}`;
        } else if (m.type === 'epoch') {
          const e = m.metrics;
          log(`epoch ${e.epoch}: −ELBO ${e.train.negElbo.toFixed(2)}${e.validation ? ` (validation ${e.validation.negElbo.toFixed(2)})` : ''}, KL ${e.train.kl.toFixed(2)}, active units ${e.train.activeUnits}, ${e.samplesPerSec.toFixed(0)} samples/s`);
          progress.report({ increment: 100 / job.train.epochs });
          lastEpoch = e.epoch;
          status = { modelDir: job.modelDir, epoch: e.epoch, epochs: job.train.epochs, history: [...(status?.history ?? []), (e.validation ?? e.train).negElbo] };
          panel.post({ type: 'epoch', metrics: e });
          if (m.preview) panel.showPreview(m.preview);
          // the epoch's checkpoint is on disk: let the page decode with it
          readManifestFile(job.modelDir).then(
            (manifest) => {
              panel.showDecoder(manifest);
              modelsChanged.fire();
            },
            (err: unknown) => log(`could not read the checkpoint manifest: ${String(err)}`),
          );
        } else if (m.type === 'codePrior') {
          // the run's last phase (a VQ-VAE's prior over code grids): the epochs are done, this can take a while
          const text = codePriorText(m);
          progress.report({ message: text });
          statusItem.text = `$(sync~spin) ${vscode.l10n.t('VQ-VAE code prior {0}/{1}', m.epoch, m.epochs)}`;
          if (m.trainNll !== null) log(`code prior epoch ${m.epoch}/${m.epochs}: −log p(c) train ${m.trainNll.toFixed(2)} nats per grid`);
          else log(`fitting the code prior (${m.epochs} epochs): encoding the training images' code grids`);
          panel.post({ type: 'notice', text });
          if (status) status = { ...status, codePrior: { epoch: m.epoch, epochs: m.epochs } };
          // the side view re-reads the model list on this event: at most once a second (a small prior's epochs take ms)
          const now = Date.now();
          if (now - lastSideUpdate >= 1000 || m.epoch === m.epochs) {
            lastSideUpdate = now;
            modelsChanged.fire();
          }
        }
      };
      const run = runJob(ctx.extensionUri.fsPath, { type: 'train', job, previewCount: 16 }, onProgress);
      active = { cancel: run.cancel, modelDir: job.modelDir };
      status = { modelDir: job.modelDir, epoch: 0, epochs: job.train.epochs, history: [] };
      modelsChanged.fire();
      const sub = token.onCancellationRequested(() => run.cancel());
      try {
        const outcome = await run.reply;
        if (outcome.status === 'completed' && outcome.model.codePrior === 'ar') {
          // the run's last phase fitted the VQ-VAE's autoregressive prior: the page samples from it with the new weights
          const manifest = await readManifestFile(job.modelDir);
          panel.showModel(summaryOf(job.modelDir, manifest), manifest.epochs);
          panel.showDecoder(manifest);
        }
        const priorCancelled = outcome.codePrior === 'cancelled' ? vscode.l10n.t('Cancelled while fitting the code prior: the trained VQ-VAE ({0} epochs) is kept, with the uniform prior over codes.', outcome.epochs.length) : undefined;
        panel.post({ type: 'status', status: outcome.status, message: outcome.status === 'cancelled' ? cancelNote(lastEpoch) : priorCancelled });
        if (priorCancelled) {
          log(`code prior cancelled: the trained VQ-VAE (${outcome.epochs.length} epochs) is kept with the uniform prior over codes`);
          void vscode.window.showInformationMessage(priorCancelled);
        }
        // a finished model gets its PCA latent map at once
        if (outcome.status === 'completed') {
          ctx.hooks.onLatentMap(panel, { method: 'pca' }, true);
          ctx.hooks.onLatentStats(panel, 0, true);
        }
        log(`training ${outcome.status}: ${outcome.epochs.length} epoch(s) in ${job.modelDir}`);
        return { modelDir: job.modelDir, status: outcome.status, epochs: outcome.epochs, ...(outcome.codePrior ? { codePrior: outcome.codePrior } : {}) };
      } catch (err) {
        panel.post({ type: 'status', status: 'failed', message: (err as Error).message });
        throw err;
      } finally {
        sub.dispose();
        statusItem.dispose();
        active = null;
        status = null;
        modelsChanged.fire();
      }
    },
  );
}

/** The code prior's progress as the notification and the panel's status line say it. */
function codePriorText(m: Extract<JobProgress, { type: 'codePrior' }>): string {
  if (m.trainNll === null) return vscode.l10n.t('Fitting the code prior: epoch 0/{0}, encoding the training images’ code grids', m.epochs);
  return vscode.l10n.t('Fitting the code prior: epoch {0}/{1}, −log p(c) {2} nats per grid', m.epoch, m.epochs, m.trainNll.toFixed(2));
}

function cancelNote(lastEpoch: number): string {
  return lastEpoch > 0 ? vscode.l10n.t('Cancelled; the checkpoint of epoch {0} is kept.', lastEpoch) : vscode.l10n.t('Cancelled before the first epoch finished; nothing was saved.');
}
