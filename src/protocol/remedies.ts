// The posterior-collapse remedies the panel offers (each a new training run; src/training/remedies.ts), the label of
// each one's button, and which apply to a model: one pure rule that the page (which buttons to show, and why not the
// others) and the host (which jobs to refuse) both read, so a button is never offered that the host would refuse.
import type { ModelConfig, TrainConfig } from '../shared/types';
import { decoderKind, modelVariant } from '../shared/types';

export const REMEDY_NAMES = ['halveBeta', 'warmup', 'freeBits', 'smallerDecoder', 'fewerLatents'] as const;
export type RemedyName = (typeof REMEDY_NAMES)[number];

export const REMEDY_LABELS: Record<RemedyName, string> = {
  halveBeta: 'Halve β',
  warmup: 'Add KL warm-up',
  freeBits: 'Add free bits',
  smallerDecoder: 'Halve the hidden layers',
  fewerLatents: 'Keep only the active dimensions',
};

/** Free bits to start from: half a nat per dimension, a common choice (Kingma et al. 2016 tried 0.125–2). */
export const FIRST_FREE_BITS = 0.5;

/**
 * Why a remedy is not offered: the model has no Gaussian KL to act on (a VQ-VAE), it was not trained here (an
 * imported ONNX model: nothing to retrain), its cyclical schedule already restarts β from 0 every cycle, its decoder
 * is a PixelCNN of fixed depth (halving the hidden layers would shrink only the encoder, not weaken the decoder), every
 * dimension is active (nothing to drop), or the change would leave the run as it was (layers at their minimum, β 0).
 */
export type RemedyRefusal = 'noGaussianPosterior' | 'imported' | 'cyclicalSchedule' | 'fixedDecoder' | 'allDimensionsActive' | 'noChange';

/** The English reasons (the page translates its own copy of these through its l10n). */
export const REMEDY_REFUSALS: Record<RemedyRefusal, string> = {
  noGaussianPosterior: 'a VQ-VAE has no Gaussian KL term for a remedy to act on; its own failure, unused codes, is in the Codebook section',
  imported: 'an imported model was not trained here, so there is no run to repeat with a change',
  cyclicalSchedule: 'the cyclical schedule already raises β from 0 at the start of every cycle',
  fixedDecoder: 'the PixelCNN decoder has a fixed depth; halving the hidden layers would shrink only the encoder',
  allDimensionsActive: 'every latent dimension is active, so there is none to drop',
  noChange: 'it would not change this model’s settings',
};

/** What a remedy retrains from: the model's choices, its training settings, and its last epoch's active units. */
export interface RemedySource {
  model: ModelConfig;
  training: TrainConfig;
  /** Active units of the last epoch (validation, else train); null before the first epoch. */
  activeUnits: number | null;
}

export type RemedyOutcome = { model: ModelConfig; training: TrainConfig } | { refused: RemedyRefusal };

/** The settings of the run a remedy starts: one change to `source`, or why the remedy does not apply. */
export function applyRemedy(source: RemedySource, remedy: RemedyName): RemedyOutcome {
  const variant = modelVariant(source.model);
  if (variant === 'vqvae') return { refused: 'noGaussianPosterior' };
  if (variant === 'onnx') return { refused: 'imported' };
  const training = { ...source.training };
  const model = { ...source.model, hidden: [...source.model.hidden] };
  switch (remedy) {
    case 'halveBeta':
      training.beta = training.beta / 2;
      break;
    case 'warmup':
      if (training.klSchedule === 'cyclical') return { refused: 'cyclicalSchedule' };
      // KL weight from 0 to β over a third of the run (or twice the current warm-up)
      training.warmupEpochs = training.warmupEpochs > 0 ? training.warmupEpochs * 2 : Math.max(1, Math.round(training.epochs / 3));
      break;
    case 'freeBits':
      training.freeBits = training.freeBits ? training.freeBits * 2 : FIRST_FREE_BITS;
      break;
    case 'smallerDecoder':
      if (decoderKind(model) === 'pixelcnn') return { refused: 'fixedDecoder' };
      model.hidden = model.hidden.map((h) => Math.max(8, Math.round(h / 2)));
      break;
    case 'fewerLatents':
      if (source.activeUnits !== null && source.activeUnits >= model.latentDim) return { refused: 'allDimensionsActive' };
      model.latentDim = Math.max(2, source.activeUnits ?? model.latentDim);
      break;
  }
  const same = JSON.stringify(model) === JSON.stringify(source.model) && JSON.stringify(training) === JSON.stringify(source.training);
  return same ? { refused: 'noChange' } : { model, training };
}
