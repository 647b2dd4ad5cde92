// One valid example of every message the two pages exchange, typed by the unions so that a new message type
// without an example does not compile (and the tests check the list against the declaration at run time too).
import type { HostToSide, SideToHost } from '../../../src/protocol/sideView';
import type { HostToPage, PageToHost } from '../../../src/protocol/webview';
import type { Example } from './mutate';

type Examples<M extends { type: string }> = { [K in M['type']]: Omit<Example, 'valid'> & { valid: Extract<M, { type: K }> } };

const split = { negElbo: 5.5, recon: 4.5, kl: 1, klPerDim: [0.75, 0.25], activeUnits: 2 };
const epoch = { epoch: 1, beta: 1, train: split, validation: split, seconds: 1.5, samplesPerSec: 900 };
export const model = { kind: 'mlp-vae' as const, inputShape: [2, 2, 1] as [number, number, number], hidden: [4], latentDim: 2, likelihood: 'bernoulli' as const, decoderScale: 0.1 };
const training = { epochs: 3, batchSize: 8, learningRate: 0.001, beta: 1, warmupEpochs: 0, freeBits: 0, seed: 1 };
const source = { weightsUri: 'https://file+.vscode-resource/m/weights.bin', specs: [{ name: 'decoder/out/kernel', shape: [2, 4] }] };

export const hostToPageExamples: Examples<HostToPage> = {
  model: {
    valid: {
      type: 'model',
      summary: { name: 'm', modelDir: '/models/m', status: 'completed', model, training, dataset: { root: '/data', count: 10, trainCount: 9, validationCount: 1, labelNames: ['a', 'b'] } },
      epochs: [epoch],
    },
    nullable: ['epochs.0.validation'],
    // the engine's configurations: checked by rules of their own (summary.ts), tested one by one below
    opaque: ['summary.model', 'summary.training'],
  },
  decoder: { valid: { type: 'decoder', source } },
  epoch: { valid: { type: 'epoch', metrics: epoch }, nullable: ['metrics.validation'] },
  status: { valid: { type: 'status', status: 'failed', message: 'out of memory' }, optional: ['message'] },
  preview: {
    valid: {
      type: 'preview',
      preview: { order: 'worst', errors: [1.5, 2], height: 2, width: 2, channels: 1, count: 2, originals: new Uint8Array(8).fill(9), reconstructions: new Uint8Array(8), sources: ['/d/a.png', '/d/b.png'] },
    },
  },
  encoded: {
    valid: {
      type: 'encoded',
      encoding: {
        imagePath: '/d/x.png', modelDir: '/models/m', height: 2, width: 2, channels: 3, pixels: new Uint8Array(12), reconstruction: new Uint8Array(12),
        mu: [0.5, -1], logvar: [0, -0.5], reconError: 3.25, percentile: 50, neighbours: [{ source: '/d/a.png', distance: 0.5 }], neighbourPixels: new Uint8Array(12),
      },
    },
    nullable: ['encoding.percentile'],
  },
  latentMap: {
    valid: {
      type: 'latentMap',
      map: {
        method: 'umap', count: 2, height: 2, width: 2, channels: 1, points: Float32Array.of(0, 1, 2, 3), labels: Int32Array.of(0, 1), labelNames: ['a', 'b'], axisNames: ['UMAP 1', 'UMAP 2'],
        fitted: 2, mean: [0, 0], components: [[1, 0], [0, 1]], variances: [1, 0.5], totalVariance: 2, sources: ['a.png', 'b.png'], overlay: [{ x: 0, y: 0, label: 'component 1' }],
      },
    },
    nullable: ['map.labels'],
    optional: ['map.overlay'],
  },
  mapProgress: { valid: { type: 'mapProgress', progress: { stage: 'layout', done: 10, total: 200 } } },
  mapImages: {
    valid: { type: 'mapImages', images: { indices: Int32Array.of(4, 9), height: 2, width: 2, channels: 1, pixels: new Uint8Array(8), codes: Float32Array.of(0.5, 1, -1, 2) } },
  },
  interpolatePair: { valid: { type: 'interpolatePair', pair: { names: ['a.png', 'b.png'], height: 2, width: 2, channels: 1, pixels: new Uint8Array(8) } } },
  notice: { valid: { type: 'notice', text: 'No reconstructions: the dataset is unavailable.' } },
  showSamples: { valid: { type: 'showSamples' } },
  metrics: {
    valid: {
      type: 'metrics',
      report: {
        nImages: 100, latentDim: 2, seed: 1, mutualInformation: { value: 2.5, bound: 4.6, batchSize: 100 }, totalCorrelation: 0.25, activeUnits: 2,
        linearProbe: { accuracy: 0.75, nTrain: 80, nTest: 20, majorityBaseline: 0.5 }, sharpness: { samples: 0.01, data: 0.05, nImages: 50 },
        frechet: { distance: 12.5, featureDim: 32, classifierTestAccuracy: 0.8, classifierTrain: 80, classifierTest: 20, epochs: 5, nImages: 50 },
        factors: { file: '/d/factors.csv', names: ['size'], nImages: 100, mig: 0.5, dci: { disentanglement: 0.5, completeness: 0.25, informativeness: 0.75 }, sap: 0.125 },
        notes: ['a note'],
      },
    },
    nullable: ['report.totalCorrelation', 'report.linearProbe', 'report.frechet', 'report.factors', 'report.factors.mig', 'report.factors.dci.disentanglement', 'report.factors.dci.completeness', 'report.factors.dci.informativeness', 'report.factors.sap'],
  },
  metricsState: { valid: { type: 'metricsState', state: 'cancelled' } },
  neighbours: {
    valid: {
      type: 'neighbours',
      result: {
        query: { index: 3, path: 'a/x.png', label: 'a' }, metric: 'cosine', k: 2, total: 10, height: 2, width: 2, channels: 1,
        neighbours: [{ image: { index: 1, path: 'b/y.png', label: 'b' }, distance: 0.5 }], pixels: new Uint8Array(8),
      },
      problem: '',
    },
    nullable: ['result', 'result.query.label', 'result.neighbours.0.image.label'],
  },
  imageSearch: {
    valid: { type: 'imageSearch', result: { query: 'x', matches: 3, height: 2, width: 2, channels: 3, hits: [{ index: 0, path: 'a/x.png', label: 'a' }], pixels: new Uint8Array(12) }, problem: '' },
    nullable: ['result', 'result.hits.0.label'],
  },
  latentStats: {
    valid: {
      type: 'latentStats',
      stats: {
        count: 10, labelNames: ['a', 'b'], centroids: [[0.5, -1], null], labelCounts: [10, 0], muMin: [-1, -2], muMax: [1, 2],
        mixture: { weights: [0.25, 0.75], means: [[0, 1], [1, 0]], variances: [[1, 0.5], [0.25, 2]] }, chosenBy: 'bic', bics: [40.5, 35], logLikelihood: -2.5,
      },
    },
    nullable: ['stats.centroids.0'],
  },
  applyEdit: { valid: { type: 'applyEdit', edit: { attribute: { from: 'a', to: 'b' }, strength: -1.5, code: [0.5, 1], z: [1, -2] } }, nullable: ['edit.attribute'] },
  jobSamplesProgress: { valid: { type: 'jobSamplesProgress', done: 28, total: 784 } },
  jobSamples: {
    valid: { type: 'jobSamples', result: { status: 'done', pixels: new Uint8Array(2 * 3 * 2), count: 2, height: 3, width: 2, channels: 1, seconds: 1.5 }, problem: '' },
    nullable: ['result'],
  },
};

export const pageToHostExamples: Examples<PageToHost> = {
  ready: { valid: { type: 'ready' } },
  cancelTraining: { valid: { type: 'cancelTraining' } },
  openSource: { valid: { type: 'openSource', index: 3 } },
  requestPreview: { valid: { type: 'requestPreview', order: 'worst' } },
  saveImage: {
    valid: { type: 'saveImage', pixels: Uint8Array.of(0, 255, 17), edit: { attribute: { from: 'a', to: 'b' }, strength: 2, code: [0.5, 1], z: [1, -2] } },
    optional: ['edit'],
    nullable: ['edit.attribute'],
  },
  exportPng: { valid: { type: 'exportPng', sheet: { kind: 'samples', width: 2, height: 1, channels: 1, pixels: Uint8Array.of(0, 9) } } },
  requestLatentMap: { valid: { type: 'requestLatentMap', method: 'custom', umapAll: false, axes: { x: [5, 7], y: [0, 1] } }, optional: ['umapAll', 'axes'], nullable: ['axes.y'] },
  cancelLatentMap: { valid: { type: 'cancelLatentMap' } },
  requestMapImages: { valid: { type: 'requestMapImages', indices: Int32Array.of(0, 12, 59_999) } },
  requestLatentStats: { valid: { type: 'requestLatentStats', components: 0 } },
  retrain: { valid: { type: 'retrain', remedy: 'freeBits' } },
  computeMetrics: { valid: { type: 'computeMetrics' } },
  requestNeighbours: { valid: { type: 'requestNeighbours', index: 4, source: '/d/a.png', k: 8, metric: 'euclidean' }, optional: ['index', 'source'] },
  searchImages: { valid: { type: 'searchImages', query: 'bag/0' } },
  exportLatents: { valid: { type: 'exportLatents' } },
  requestJobSamples: { valid: { type: 'requestJobSamples', count: 16, temperature: 1, seed: 3 } },
  cancelJobSamples: { valid: { type: 'cancelJobSamples' } },
};

export const hostToSideExamples: Examples<HostToSide> = {
  state: {
    valid: {
      type: 'state',
      models: [{ name: 'm', modelDir: '/models/m', status: 'training', epochs: 2, negElbo: 250.5 }],
      current: '/models/m',
      training: { modelDir: '/models/m', epoch: 2, epochs: 3, history: [300, 250.5] },
    },
    nullable: ['models.0.negElbo', 'current', 'training'],
  },
  pad: { valid: { type: 'pad', modelDir: '/models/m', source, model, klPerDim: [0.5, 0] }, opaque: ['model'] },
};

export const sideToHostExamples: Examples<SideToHost> = {
  ready: { valid: { type: 'ready' } },
  openModel: { valid: { type: 'openModel', index: 1 } },
  train: { valid: { type: 'train' } },
  open: { valid: { type: 'open' } },
  cancel: { valid: { type: 'cancel' } },
  evaluate: { valid: { type: 'evaluate' } },
  sample: { valid: { type: 'sample' } },
  exportLatents: { valid: { type: 'exportLatents' } },
};
