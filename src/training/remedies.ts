// The posterior-collapse remedies the seed guide names, as new training jobs derived from a finished one:
// a smaller β, KL warm-up, free bits, a weaker (smaller) decoder, or fewer latent dimensions. Which change each makes
// and where it does not apply is protocol/remedies.ts's applyRemedy, the rule the panel's buttons follow too.
import * as path from 'node:path';
import { applyRemedy, REMEDY_LABELS, REMEDY_REFUSALS, type RemedyName } from '../protocol/remedies';
import type { Manifest } from '../store/manifest';
import { DEFAULT_VALIDATION_FRACTION, readTrainConfig, type FieldNames } from '../shared/trainConfig';
import { UserError } from '../shared/userError';
import type { TrainingJob } from './runTraining';

export type Remedy = RemedyName;

export const REMEDIES: Record<Remedy, string> = REMEDY_LABELS;

/** The job that retrains `manifest`'s model with one remedy applied, into a new folder beside it. */
export function remedyJob(modelDir: string, m: Manifest, remedy: Remedy, stamp: string): TrainingJob {
  const last = m.epochs.at(-1);
  const outcome = applyRemedy({ model: m.model, training: m.training, activeUnits: last ? (last.validation ?? last.train).activeUnits : null }, remedy);
  if ('refused' in outcome) throw new UserError(`${REMEDIES[remedy]} does not apply to ${modelDir}: ${REMEDY_REFUSALS[outcome.refused]}.`);
  // every architecture choice carries over (variant, network, prior, flow, k, and whatever a new variant adds), so a
  // remedy retrains the same kind of model; the input shape and the labels come from the data again
  const { inputShape: _shape, kind: _kind, labels: _labels, ...model } = outcome.model;
  // repeated remedies compound (free bits double each time): past the allowed range, say so instead of training
  const names: FieldNames = {
    name: (field) => `training.${field}`,
    explain: (problem) => `${REMEDIES[remedy]} was not applied to ${modelDir}: the retrained model's ${problem}.`,
  };
  return {
    datasetPath: m.dataset.root,
    modelDir: path.join(path.dirname(modelDir), `${path.basename(modelDir)}-${remedy}-${stamp}`),
    model,
    train: readTrainConfig(outcome.training, names),
    validationFraction: m.dataset.count > 0 ? m.dataset.validationCount / m.dataset.count : DEFAULT_VALIDATION_FRACTION,
  };
}
