// An imported ONNX model and the panel messages the host sends for it, made the way a user would get them: a small
// VAE trained here on the bundled sample, written out by Export Model as ONNX… (the job's exportOnnx), brought back
// by Import ONNX Model… with the sample as its data (the job's importOnnx), and then every job the panel asks of an
// imported model (reconstructions, latent map, latent statistics, Encode Image, metrics, nearest images) run on the imported folder
// by the same handlers the job process runs. What the page receives is what the editor would send.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../../src/engine/backend';
import { createModel } from '../../src/engine/models/registry';
import { trainVae } from '../../src/engine/train';
import { loadDataset, splitDataset } from '../../src/data';
import { readManifest, saveCheckpoint } from '../../src/store';
import { summaryOf, type HostToPage } from '../../src/protocol/webview';
import type { MetricsReport } from '../../src/protocol/metrics';
import type { Encoding } from '../../src/protocol/encoding';
import type { Neighbours } from '../../src/protocol/neighbours';
import { DEFAULT_TRAIN } from '../../src/shared/trainConfig';
import type { ModelConfig } from '../../src/shared/types';
import { jobHandlers } from '../../src/worker/jobHandlers';
import { tempDir } from '../helpers/tempDir';
import { extraFiles, repo } from './harness';

export const SAMPLE = join(repo, 'samples/fashion-mnist');
/** The image Encode Image is run on. */
export const PROBE = join(SAMPLE, 'Bag/00035.png');

export interface Imported {
  /** The imported model's folder and the folder of the exported files it came from. */
  modelDir: string;
  exportDir: string;
  model: Extract<HostToPage, { type: 'model' }>;
  decoder: Extract<HostToPage, { type: 'decoder' }>;
  preview: Extract<HostToPage, { type: 'preview' }>;
  latentMap: Extract<HostToPage, { type: 'latentMap' }>;
  latentStats: Extract<HostToPage, { type: 'latentStats' }>;
  encoded: Encoding;
  metrics: MetricsReport;
  /** The k-NN inspector's answer for the first previewed image (8 nearest by μ, Euclidean). */
  neighbours: Neighbours;
}

const ctx = { progress: () => undefined, cancelled: () => false } as never;
let built: Promise<Imported> | null = null;

/** Built once per test file (a few seconds of training, the rest is the jobs). */
export function importedModel(): Promise<Imported> {
  built ??= build();
  return built;
}

async function build(): Promise<Imported> {
  await initBackend();
  const all = await loadDataset(SAMPLE);
  const { train, validation } = splitDataset(all, 0.1, 1);
  // 10 latents: the traversal shows 8 rows, so some dimensions are left out and the KL order matters
  const config: ModelConfig = { kind: 'mlp-vae', inputShape: [28, 28, 1], hidden: [64], latentDim: 10, likelihood: 'bernoulli', decoderScale: 0.1 };
  const training = { ...DEFAULT_TRAIN, epochs: 2, batchSize: 64, learningRate: 2e-3 };
  const vae = createModel(config, 3);
  const root = tempDir('le-onnx-views-');
  const ours = join(root, 'ours');
  try {
    const { epochs } = await trainVae(vae, { train, validation }, training);
    const dataset = { root: SAMPLE, fingerprint: '', count: all.count, trainCount: train.count, validationCount: validation.count, height: 28, width: 28, channels: 1 as const, labelNames: all.labelNames };
    await saveCheckpoint(ours, { status: 'completed', model: config, training, epochs, evaluation: null, dataset }, vae);
  } finally {
    vae.dispose();
  }
  const h = jobHandlers(true);
  const exportDir = join(root, 'exported');
  await h.exportOnnx({ type: 'exportOnnx', modelDir: ours, outDir: exportDir }, ctx);
  const modelDir = join(root, 'imported');
  const encoder = join(exportDir, 'encoder.onnx');
  const decoder = join(exportDir, 'decoder.onnx');
  await h.importOnnx({ type: 'importOnnx', encoder, decoder, out: modelDir, likelihood: 'bernoulli', layout: 'nchw', decoderOutput: 'logits', scale: 0.1, data: SAMPLE }, ctx);
  const manifest = await readManifest(modelDir);
  // the page fetches the imported files from the model folder and the runtime's binary from dist/
  extraFiles.set('/encoder.onnx', readFileSync(join(modelDir, manifest.onnx!.encoder.file)));
  extraFiles.set('/decoder.onnx', readFileSync(join(modelDir, manifest.onnx!.decoder.file)));
  extraFiles.set('/ort.wasm', readFileSync(join(repo, 'dist/ort-wasm-simd-threaded.wasm')));
  const preview = await h.preview({ type: 'preview', modelDir, count: 16, order: 'spread' }, ctx);
  if (!preview.preview) throw new Error(`no preview: ${preview.reason}`);
  const map = await h.latentMap({ type: 'latentMap', modelDir, spec: { method: 'pca' } }, ctx);
  const stats = await h.latentStats({ type: 'latentStats', modelDir, components: 0 }, ctx);
  const encoded = await h.encode({ type: 'encode', modelDir, imagePath: PROBE }, ctx);
  const metrics = await h.metrics({ type: 'metrics', modelDir, maxImages: 300, compareImages: 200, seed: 1 }, ctx);
  if (!metrics.report) throw new Error('the metrics job was cancelled');
  const neighbours = await h.neighbours({ type: 'neighbours', modelDir, target: { source: preview.preview.sources[0] }, k: 8, metric: 'euclidean' }, ctx);
  return {
    modelDir,
    exportDir,
    model: { type: 'model', summary: summaryOf(modelDir, manifest), epochs: manifest.epochs },
    decoder: { type: 'decoder', source: { weightsUri: '/weights.bin', specs: [], onnx: { encoderUri: '/encoder.onnx', decoderUri: '/decoder.onnx', wasmUri: '/ort.wasm' } } },
    preview: { type: 'preview', preview: preview.preview },
    latentMap: { type: 'latentMap', map },
    latentStats: { type: 'latentStats', stats },
    encoded,
    metrics: metrics.report,
    neighbours,
  };
}
