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
  const subsetLabel = `Train on ${subset.toLocaleString('en')} images`;
  const choice = await vscode.window.showWarningMessage(
    `This dataset needs about ${Math.ceil(estimate.bytes / MB).toLocaleString('en')} MB of memory once loaded ` +
      `(${estimate.images.toLocaleString('en')} images of ${estimate.width}×${estimate.height}×${estimate.channels}), ` +
      `more than latentExplorer.maxDatasetMemoryMB (${limitMb.toLocaleString('en')} MB).`,
    { modal: true, detail: `A subset of ${subset.toLocaleString('en')} images fits. Loading everything may run the training worker out of memory.` },
    subsetLabel,
    'Load Everything',
  );
  if (choice === subsetLabel) return { ...job, load: { ...job.load, limit: subset } };
  if (choice === 'Load Everything') return job;
  return undefined;
}
