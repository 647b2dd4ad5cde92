// The posterior-collapse remedies the seed guide names, as new training jobs derived from a finished one:
// a smaller β, KL warm-up, free bits, a weaker (smaller) decoder, or fewer latent dimensions.
import * as path from 'node:path';
import type { RemedyName } from '../protocol/webview';
import type { Manifest } from '../store/manifest';
import { DEFAULT_VALIDATION_FRACTION, readTrainConfig, type FieldNames } from '../shared/trainConfig';
import type { TrainingJob } from './runTraining';

export type Remedy = RemedyName;

/** Free bits to start from: half a nat per dimension, a common choice (Kingma et al. 2016 tried 0.125–2). */
const FIRST_FREE_BITS = 0.5;

export const REMEDIES: Record<Remedy, string> = {
  halveBeta: 'Halve β',
  warmup: 'Add KL warm-up',
  freeBits: 'Add free bits',
  smallerDecoder: 'Halve the hidden layers',
  fewerLatents: 'Keep only the active dimensions',
};

/** The job that retrains `manifest`'s model with one remedy applied, into a new folder beside it. */
export function remedyJob(modelDir: string, m: Manifest, remedy: Remedy, stamp: string): TrainingJob {
  const train = { ...m.training };
  // every architecture choice carries over (variant, network, k, and whatever a new variant adds), so a remedy
  // retrains the same kind of model; the input shape and the labels come from the data again
  const { inputShape: _shape, kind: _kind, labels: _labels, ...choices } = m.model;
  const model = { ...choices, hidden: [...m.model.hidden] };
  const last = m.epochs.at(-1);
  switch (remedy) {
    case 'halveBeta':
      train.beta = train.beta / 2;
      break;
    case 'warmup':
      // KL weight from 0 to β over a third of the run (or twice the current warm-up)
      train.warmupEpochs = train.warmupEpochs > 0 ? train.warmupEpochs * 2 : Math.max(1, Math.round(train.epochs / 3));
      break;
    case 'freeBits':
      train.freeBits = train.freeBits ? train.freeBits * 2 : FIRST_FREE_BITS;
      break;
    case 'smallerDecoder':
      model.hidden = model.hidden.map((h) => Math.max(8, Math.round(h / 2)));
      break;
    case 'fewerLatents':
      model.latentDim = Math.max(2, last ? (last.validation ?? last.train).activeUnits : model.latentDim);
      break;
  }
  // repeated remedies compound (free bits double each time): past the allowed range, say so instead of training
  const names: FieldNames = {
    name: (field) => `training.${field}`,
    explain: (problem) => `${REMEDIES[remedy]} was not applied to ${modelDir}: the retrained model's ${problem}.`,
  };
  return {
    datasetPath: m.dataset.root,
    modelDir: path.join(path.dirname(modelDir), `${path.basename(modelDir)}-${remedy}-${stamp}`),
    model,
    train: readTrainConfig(train, names),
    validationFraction: m.dataset.count > 0 ? m.dataset.validationCount / m.dataset.count : DEFAULT_VALIDATION_FRACTION,
  };
}
