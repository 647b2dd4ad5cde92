// Messages between the host and the side-panel view (activity bar "Latent Explorer"), each direction declared
// once (schema.ts) and checked on receipt by both ends, carried in the envelope like the model panel's.
import { messageUnion, s, type Infer, type MessageOf } from './schema';
import { decoderSource, modelConfig, modelStatus } from './summary';
import { MAX_LATENTS } from './images';

const MAX_MODELS = 100_000;

export const modelEntry = s.object({
  name: s.string(),
  modelDir: s.string(),
  status: modelStatus,
  epochs: s.number({ integer: true, min: 0 }),
  negElbo: s.nullable(s.number()),
});
export type ModelEntry = Infer<typeof modelEntry>;

export const trainingStatus = s.object({
  modelDir: s.string(),
  epoch: s.number({ integer: true, min: 0 }),
  epochs: s.number({ integer: true, min: 0 }),
  /** −ELBO per finished epoch (validation when there is one), for the sparkline. */
  history: s.array(s.number(), 100_000),
  /** A VQ-VAE's code prior being fitted after the last epoch: its epoch so far (0 as it starts) of its epochs. */
  codePrior: s.optional(s.object({ epoch: s.number({ integer: true, min: 0 }), epochs: s.number({ integer: true, min: 1 }) })),
});
export type TrainingStatus = Infer<typeof trainingStatus>;

export const hostToSideShapes = {
  state: { models: s.array(modelEntry, MAX_MODELS), current: s.nullable(s.string()), training: s.nullable(trainingStatus) },
  pad: { modelDir: s.string(), source: decoderSource, model: modelConfig, klPerDim: s.array(s.number(), MAX_LATENTS) },
};
export const hostToSide = messageUnion(hostToSideShapes);
export type HostToSide = MessageOf<typeof hostToSideShapes>;

export const sideToHostShapes = {
  ready: {},
  /** Open model `index` of the last list the host sent (the host keeps the paths). */
  openModel: { index: s.number({ integer: true, min: 0, max: MAX_MODELS - 1 }) },
  train: {},
  open: {},
  cancel: {},
  evaluate: {},
  sample: {},
  /** Export Latents… (it asks which model, images and file). */
  exportLatents: {},
};
export const sideToHost = messageUnion(sideToHostShapes);
export type SideToHost = MessageOf<typeof sideToHostShapes>;
