// The channel between the extension host and its job processes (dist/worker.js, forked as child processes; see
// src/extension/jobProcess.ts for why processes), on the request/reply envelope of envelope.ts. IPC uses
// Node's 'advanced' serialization, so typed arrays cross as typed arrays. Both ends are our own code: the job
// side checks requests against `jobRequests` (cheap, and a bug shows as a refusal), replies are not re-checked.
//
// Every request that reads a model names its folder: a job process restarted after a crash needs no state from
// the host, and it can tell from the manifest's weights file when a checkpoint was replaced.
import type { LoadReport } from '../shared/dataset';
import type { EpochMetrics, EvalMetrics, ModelConfig } from '../shared/types';
import type { Encoding } from './encoding';
import type { MetricsOutcome, MetricsStep } from './metrics';
import type { Handlers, Requester } from './envelope';
import { MAX_MAP_IMAGES, mapSpec, type LatentMap, type MapImages, type MapProgress } from './latentMap';
import { latentMetric, neighbourTarget, type ImageSearch, type Neighbours } from './neighbours';
import { components, type LatentStats } from './latentStats';
import { previewOrder, type Preview } from './preview';
import { jobSampleCount, sampleTemperature, type JobSamplesReply } from './jobSamples';
import { messageUnion, s, type Infer } from './schema';
import type { TrainingJob, TrainingOutcome } from './trainingJob';

const modelDir = () => s.string();
const positive = () => s.number({ integer: true, min: 1 });

/** What a job process can be asked to do, one shape per request type. */
export const jobRequests = messageUnion({
  /** A training run; progress: loading, loaded, batch, epoch, codePrior. Cancelling stops it at the next batch (of the code prior's fit too). */
  train: { job: s.unchecked<TrainingJob>(), previewCount: s.number({ integer: true, min: 0 }) },
  /** Reconstructions of `count` dataset images: a spread, or the worst reconstructed. */
  preview: { modelDir: modelDir(), count: positive(), order: previewOrder },
  /** One image file through the model, with where it stands in the dataset. */
  encode: { modelDir: modelDir(), imagePath: s.string() },
  /** μ(x) of every dataset image projected to 2-D; progress: mapProgress. Cancelling stops UMAP and the placing. */
  latentMap: { modelDir: modelDir(), spec: mapSpec },
  /** The images and μ(x) of some dataset images (the map's thumbnails, a UMAP point's decode). */
  mapImages: { modelDir: modelDir(), indices: s.typedArray('Int32Array', MAX_MAP_IMAGES) },
  /** −ELBO and the IWAE bound on up to `maxImages` images, recorded in the manifest. */
  evaluate: { modelDir: modelDir(), iwaeK: positive(), maxImages: positive() },
  /** engine/metrics/ on up to `maxImages` images (factors from a CSV when named); progress: metrics. Cancel stops between steps. */
  metrics: { modelDir: modelDir(), maxImages: positive(), compareImages: positive(), seed: positive(), factorsFile: s.optional(s.string()) },
  /** q(z|x) of every image of a dataset (the model's own when null) written to `outPath`; progress: exporting. */
  exportLatents: { modelDir: modelDir(), datasetPath: s.nullable(s.string()), outPath: s.string() },
  /** The k nearest images in latent space (μ, over the whole dataset) to one image of the model's dataset. */
  neighbours: { modelDir: modelDir(), target: neighbourTarget, k: positive(), metric: latentMetric },
  /** The model's dataset images whose path contains `query` (case-insensitive), the first few with thumbnails. */
  searchImages: { modelDir: modelDir(), query: s.string(200) },
  /** The model as encoder.onnx + decoder.onnx + latent-explorer.json in `outDir` (src/onnx/export/). */
  exportOnnx: { modelDir: modelDir(), outDir: s.string() },
  /** A VAE from its encoder and decoder ONNX files into model folder `out` (src/training/importOnnx.ts). */
  importOnnx: {
    encoder: s.string(),
    decoder: s.string(),
    out: s.string(),
    likelihood: s.oneOf('bernoulli', 'gaussian', 'laplace'),
    layout: s.oneOf('nchw', 'nhwc'),
    decoderOutput: s.oneOf('logits', 'probabilities', 'mean'),
    scale: s.number({ min: 1e-6, max: 1e6 }),
    data: s.optional(s.string()),
  },
  /** μ of every dataset image summarised: label centroids, ranges, a mixture of `components` (0: by BIC). */
  latentStats: { modelDir: modelDir(), components: components() },
  /** Prior samples drawn here (a PixelCNN decoder's, pixel by pixel); progress: sampling. Cancel stops between rows. */
  sample: { modelDir: modelDir(), count: jobSampleCount(), temperature: sampleTemperature(), seed: s.number({ integer: true, min: 0, max: 2 ** 31 - 1 }) },
});
export type JobRequest = Infer<typeof jobRequests>;

/** A preview needs the training data; when it is gone the panel says why instead. */
export type PreviewReply = { preview: Preview } | { preview: null; reason: string };

/** The reply each request type gets. */
export interface JobReplies {
  train: TrainingOutcome;
  preview: PreviewReply;
  encode: Encoding;
  latentMap: LatentMap;
  mapImages: MapImages;
  evaluate: EvalMetrics;
  metrics: MetricsOutcome;
  exportLatents: ExportOutcome;
  neighbours: Neighbours;
  searchImages: ImageSearch;
  latentStats: LatentStats;
  exportOnnx: OnnxExportReply;
  importOnnx: { modelDir: string; runtime: string };
  sample: JobSamplesReply;
}

/** The files an ONNX export wrote, in writing order (the sidecar last). */
export interface OnnxExportReply {
  outDir: string;
  files: { name: string; bytes: number; sha256: string }[];
}

/** What an export wrote (the file named first, then its siblings), or that it was cancelled and wrote nothing. */
export type ExportOutcome =
  | { status: 'written'; format: 'csv' | 'npy' | 'tsv'; files: string[]; count: number; latentDim: number }
  | { status: 'cancelled' };

/** What a request reports on its way: training, metrics, and an export's images encoded so far. */
export type JobProgress =
  | { type: 'loading'; done: number; total: number }
  | { type: 'loaded'; report: LoadReport; nTrain: number; nValidation: number; model: ModelConfig; labelNames: string[]; kernels: string }
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number }
  | { type: 'epoch'; metrics: EpochMetrics; preview: Preview | null }
  /** A VQ-VAE's autoregressive prior being fitted after the last epoch: epoch 0 (trainNll null) as it begins, then each epoch's mean training −log p(c) per grid. */
  | { type: 'codePrior'; epoch: number; epochs: number; trainNll: number | null }
  | { type: 'metrics'; step: MetricsStep; done: number; total: number }
  | { type: 'exporting'; done: number; total: number }
  | ({ type: 'mapProgress' } & MapProgress)
  /** Prior samples in the job: pixels drawn of each image so far, of H·W. */
  | { type: 'sampling'; done: number; total: number };

/** The host's end of the channel. */
export type JobRequester = Requester<JobRequest, JobReplies, JobProgress>;
/** The job process's end: one handler per request type. */
export type JobHandlers = Handlers<JobRequest, JobReplies, JobProgress>;
