// Before a training run: estimate the dataset's memory from headers; past latentExplorer.maxDatasetMemoryMB,
// ask whether to train on a subset that fits, on everything anyway, or not at all.
import * as vscode from 'vscode';
import { estimateDatasetMemory, subsetFor } from '../data/estimateMemory';
import { readMaxDatasetMemoryMB } from './config';
import type { TrainingJob } from '../protocol/trainingJob';

const MB = 2 ** 20;

/** The job to run (possibly limited to a subset), or undefined when the user cancelled. */
export async function guardDatasetMemory(job: TrainingJob): Promise<TrainingJob | undefined> {
  const limitMb = readMaxDatasetMemoryMB();
  // an estimate that fails (unreadable folder) is no reason to stop: loading reports the real problem
  const estimate = await estimateDatasetMemory(job.datasetPath).catch(() => null);
  if (!estimate || estimate.bytes <= limitMb * MB) return job;
  const already = job.load?.limit;
  const subset = subsetFor(estimate, limitMb * MB);
  if (already !== undefined && already <= subset) return job;
  const subsetLabel = vscode.l10n.t('Train on {0} images', subset.toLocaleString('en'));
  const everything = vscode.l10n.t('Load Everything');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'This dataset needs about {0} MB of memory once loaded ({1} images of {2}), more than latentExplorer.maxDatasetMemoryMB ({3} MB).',
      Math.ceil(estimate.bytes / MB).toLocaleString('en'),
      estimate.images.toLocaleString('en'),
      `${estimate.width}×${estimate.height}×${estimate.channels}`,
      limitMb.toLocaleString('en'),
    ),
    { modal: true, detail: vscode.l10n.t('A subset of {0} images fits. Loading everything may run the training worker out of memory.', subset.toLocaleString('en')) },
    subsetLabel,
    everything,
  );
  if (choice === subsetLabel) return { ...job, load: { ...job.load, limit: subset } };
  if (choice === everything) return job;
  return undefined;
}
