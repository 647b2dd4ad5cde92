// Messages between the extension host and the training worker (worker_threads; structured clone, so typed
// arrays travel as they are). Both sides are our own code, so these are typed but not re-validated.
import type { LoadReport } from '../shared/dataset';
import type { EpochMetrics, EvalMetrics, ModelConfig } from '../shared/types';
import type { TrainingJob, TrainingOutcome } from './trainingJob';
import type { Encoding } from './encoding';
import type { LatentMap, Projection } from './latentMap';
import type { Preview, PreviewOrder } from './preview';

export type HostToWorker =
  | { type: 'train'; job: TrainingJob; previewCount: number }
  | { type: 'preview'; modelDir: string; count: number; order: PreviewOrder }
  | { type: 'encode'; modelDir: string; imagePath: string }
  | { type: 'latentMap'; modelDir: string; maxPoints: number; method: Projection }
  | { type: 'evaluate'; modelDir: string; iwaeK: number; maxImages: number }
  | { type: 'cancel' };

export type WorkerToHost =
  | { type: 'loading'; done: number; total: number }
  | { type: 'loaded'; report: LoadReport; nTrain: number; nValidation: number; model: ModelConfig; labelNames: string[]; kernels: string }
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; metrics: EpochMetrics; preview: Preview | null }
  | { type: 'done'; outcome: TrainingOutcome }
  | { type: 'preview'; preview: Preview | null; reason?: string }
  | { type: 'encoded'; encoding: Encoding }
  | { type: 'latentMap'; map: LatentMap }
  | { type: 'evaluated'; metrics: EvalMetrics }
  | { type: 'error'; message: string; userError: boolean; stack?: string };
