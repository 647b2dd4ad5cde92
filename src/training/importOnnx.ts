// Importing a VAE trained elsewhere (PyTorch, Keras) from its encoder and decoder ONNX files: read and check both
// against the convention (src/onnx/convention.ts), load them in ONNX Runtime and run a trial batch (shapes, NaN,
// value ranges), and only then write the model folder: the two files under content names, then the manifest.
// Anything wrong is a UserError naming the file and nothing is written. The CLI's `import` and the editor's
// Import ONNX Model… (through the job process) both run this.
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../data/loadDataset';
import { splitDataset, subsetDataset } from '../data/split';
import { evaluate } from '../engine/evaluate';
import { spreadIndices } from '../shared/spread';
import type { VaeModel } from '../engine/models/base';
import { modelFromOnnx } from '../engine/models/registry';
import { checkConvention } from '../onnx/convention';
import { readOnnxSummary, type OnnxSummary } from '../onnx/modelProto';
import type { Dataset } from '../shared/dataset';
import type { OnnxDecoderOutput, OnnxLayout } from '../shared/onnxModel';
import { DEFAULT_TRAIN, type EvalMetrics, type Likelihood, type ModelConfig } from '../shared/types';
import { UserError } from '../shared/userError';
import { datasetInfo } from '../store/datasetInfo';
import { MANIFEST_FILE, type DatasetInfo } from '../store/manifest';
import { saveImported } from '../store/modelStore';
import { MAX_ONNX_BYTES, writeOnnxFile, type OnnxFileEntry } from '../store/onnxFiles';

/** Images the import measures the model on (a spread of the data), as Evaluate Model's default. */
const IMPORT_EVAL_IMAGES = 1000;

export interface ImportOptions {
  encoder: string;
  decoder: string;
  out: string;
  likelihood: Likelihood;
  layout: OnnxLayout;
  decoderOutput: OnnxDecoderOutput;
  /** Gaussian σ / Laplace b in pixel units when the decoder outputs only the mean. */
  scale: number;
  /** A text file of label names, one a line, in label order. */
  labels?: string;
  /** A dataset folder (or IDX file) the views can show the model's reconstructions, latent map … of. */
  data?: string;
}

export interface ImportResult {
  modelDir: string;
  config: ModelConfig;
  runtime: string;
  /** The trial batch's μ (2 images). */
  trialMu: number[][];
}

async function readOnnx(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => null);
  if (!info || !info.isFile()) throw new UserError(`${path} does not exist or is not a file.`);
  if (info.size > MAX_ONNX_BYTES) throw new UserError(`${path} is ${info.size} bytes, more than an ONNX file can be (2 GiB).`);
  return new Uint8Array(await readFile(path));
}

async function readLabels(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info || !info.isFile() || info.size > 1024 * 1024) throw new UserError(`${path}: a labels file must be a text file of at most 1 MB, one label name a line.`);
  const names = (await readFile(path, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (names.length === 0) throw new UserError(`${path} names no labels (one label name a line).`);
  return names;
}

/** The folder must be new, empty, or a model already (it is then replaced). */
async function checkOut(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => null);
  if (names && names.length > 0 && !names.includes(MANIFEST_FILE)) throw new UserError(`${dir} is a folder with other files in it; choose a new or empty folder for the imported model.`);
}

function fileEntry(source: string, s: OnnxSummary, written: { file: string; sha256: string }, bytes: Uint8Array): OnnxFileEntry {
  return { ...written, byteLength: bytes.length, source: basename(source), irVersion: s.irVersion, opset: s.opset, producerName: s.producerName, producerVersion: s.producerVersion };
}

/** Two images to try the model on: the data's first two, or a gradient and its reverse. */
function trialImages(config: ModelConfig, ds: Dataset | null): Float32Array {
  const [h, w, c] = config.inputShape;
  const size = h * w * c;
  const out = new Float32Array(2 * size);
  if (ds && ds.count >= 2) for (let i = 0; i < out.length; i++) out[i] = ds.images[i] / 255;
  else for (let i = 0; i < size; i++) out[i] = out[2 * size - 1 - i] = i / Math.max(1, size - 1);
  return out;
}

/** Runs the trial batch: encode, decode μ; checks what the shapes alone could not. Returns μ. */
function trialRun(model: VaeModel, config: ModelConfig, ds: Dataset | null, files: { decoder: string }): number[][] {
  const size = config.inputShape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.tensor2d(trialImages(config, ds), [2, size]);
    const { mu } = model.encode(x);
    const raw = model.decodeRaw(mu);
    if (config.onnx!.decoderOutput !== 'logits') {
      const [lo, hi] = [tf.min(raw).dataSync()[0], tf.max(raw).dataSync()[0]];
      if (config.likelihood === 'bernoulli' && (lo < 0 || hi > 1)) {
        throw new UserError(`${files.decoder}: its output spans ${lo.toFixed(3)}…${hi.toFixed(3)}, not probabilities in [0, 1]; if it outputs logits, import with --decoder-output logits.`);
      }
    }
    return (mu.arraySync() as number[][]).map((row) => row.map((v) => Number(v)));
  });
}

export async function importOnnxModel(opts: ImportOptions, log: (line: string) => void = () => undefined): Promise<ImportResult> {
  const [encBytes, decBytes] = [await readOnnx(opts.encoder), await readOnnx(opts.decoder)];
  const enc = readOnnxSummary(encBytes, opts.encoder);
  const dec = readOnnxSummary(decBytes, opts.decoder);
  const plan = checkConvention(enc, dec, { encoder: opts.encoder, decoder: opts.decoder }, opts.layout);
  if (plan.latentDim === null) throw new UserError(`${opts.encoder}: "mu" leaves the latent size symbolic; export it with a fixed latent size [N, d].`);
  await checkOut(opts.out);
  const labelNames = opts.labels ? await readLabels(opts.labels) : null;

  let ds: Dataset | null = null;
  const [h0, w0, c0] = plan.inputShape;
  if (opts.data) {
    log(`reading ${opts.data}`);
    ds = await loadDataset(opts.data, h0 !== null && w0 !== null ? { size: { height: h0, width: w0 } } : {});
    if (c0 !== null && ds.channels !== c0) throw new UserError(`${opts.data}: its images have ${ds.channels} channel(s); the encoder's "x" expects ${c0}.`);
    if (labelNames && ds.labelNames.length > labelNames.length) throw new UserError(`${opts.labels} names ${labelNames.length} labels; ${opts.data} has ${ds.labelNames.length}.`);
  }
  const h = h0 ?? ds?.height;
  const w = w0 ?? ds?.width;
  const c = c0 ?? ds?.channels;
  if (!h || !w || !c) throw new UserError(`${opts.encoder}: "x" leaves the image size open; pass --data so the images' size is known, or export with a fixed size.`);
  const config: ModelConfig = {
    kind: 'mlp-vae',
    model: 'onnx',
    inputShape: [h, w, c],
    hidden: [],
    latentDim: plan.latentDim,
    likelihood: opts.likelihood,
    decoderScale: opts.scale,
    onnx: { layout: opts.layout, decoderOutput: opts.decoderOutput, io: plan.io },
  };

  log('loading both files in ONNX Runtime');
  const model = await modelFromOnnx(config, { encoder: encBytes, decoder: decBytes, encoderName: opts.encoder, decoderName: opts.decoder }, existsSync);
  let trialMu: number[][];
  let evaluation: EvalMetrics | null = null;
  const runtime = (model as { runtime?: string }).runtime ?? '';
  try {
    trialMu = trialRun(model, config, ds, opts);
    // what the panel can know of a model trained elsewhere: its KL per dimension, active units and −ELBO on the data
    // (one pass, no IWAE: Evaluate Model adds that), so the collapse verdict and the traversal order are there at once
    if (ds) {
      log(`measuring KL per dimension on up to ${IMPORT_EVAL_IMAGES} images`);
      evaluation = await evaluate(model, subsetDataset(ds, spreadIndices(ds.count, IMPORT_EVAL_IMAGES)), { iwaeK: 0 });
    }
  } finally {
    model.dispose();
  }

  log(`writing ${opts.out}`);
  await mkdir(opts.out, { recursive: true });
  const encWritten = await writeOnnxFile(opts.out, 'encoder', encBytes);
  const decWritten = await writeOnnxFile(opts.out, 'decoder', decBytes);
  // --labels names the data's labels in order (an IDX file's 0…9), or stands alone without data
  const dataset: DatasetInfo = ds
    ? { ...datasetInfo(opts.data!, ds, splitDataset(ds, 0, DEFAULT_TRAIN.seed)), ...(labelNames && ds.labelNames.length ? { labelNames: labelNames.slice(0, ds.labelNames.length) } : {}) }
    : { root: '', fingerprint: '', count: 0, trainCount: 0, validationCount: 0, height: h, width: w, channels: c as 1 | 3, labelNames: labelNames ?? [] };
  await saveImported(opts.out, {
    status: 'completed',
    model: config,
    training: { ...DEFAULT_TRAIN },
    dataset,
    epochs: [],
    evaluation,
    onnx: { encoder: fileEntry(opts.encoder, enc, encWritten, encBytes), decoder: fileEntry(opts.decoder, dec, decWritten, decBytes) },
  });
  return { modelDir: opts.out, config, runtime, trialMu };
}
