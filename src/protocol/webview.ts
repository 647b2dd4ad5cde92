// Messages between the extension host and the model panel's page. The page is a browser context the host does
// not trust: every message from it goes through isWebviewToHost before use.
import type { EpochMetrics, ModelConfig, TrainConfig } from '../shared/types';

/** The posterior-collapse remedies the panel offers (each a new training run; src/training/remedies.ts). */
export const REMEDY_NAMES = ['halveBeta', 'warmup', 'freeBits', 'smallerDecoder', 'fewerLatents'] as const;
export type RemedyName = (typeof REMEDY_NAMES)[number];

export function isRemedyName(v: unknown): v is RemedyName {
  return typeof v === 'string' && (REMEDY_NAMES as readonly string[]).includes(v);
}

export interface ModelSummary {
  name: string;
  modelDir: string;
  status: 'training' | 'completed' | 'cancelled' | 'failed';
  model: ModelConfig;
  training: TrainConfig;
  dataset: { root: string; count: number; trainCount: number; validationCount: number; labelNames: string[] };
}

/** Pixels travel as plain number arrays: webview messages are JSON-serialised. */
export interface PreviewMessage {
  type: 'preview';
  order: 'spread' | 'worst';
  /** −log p(x | z = μ) per image, nats (the anomaly score). */
  errors: number[];
  height: number;
  width: number;
  channels: 1 | 3;
  count: number;
  originals: number[];
  reconstructions: number[];
}

/** Where the page fetches the saved weights for its own decoder (a webview resource URI), and their layout. */
export interface DecoderSource {
  weightsUri: string;
  specs: { name: string; shape: number[] }[];
}

/** An encoded image as the page receives it (JSON: plain arrays). */
export interface EncodedMessage {
  type: 'encoded';
  name: string;
  height: number;
  width: number;
  channels: 1 | 3;
  pixels: number[];
  reconstruction: number[];
  mu: number[];
  logvar: number[];
  reconError: number;
  percentile: number | null;
  neighbours: { source: string; distance: number }[];
  neighbourPixels: number[];
}

/** The latent map as the page receives it: plain arrays, thumbnails as base64. */
export interface LatentMapMessage {
  type: 'latentMap';
  method: 'pca' | 'umap';
  /** count × latentDim, UMAP only (see LatentMap.codes). */
  codes: number[];
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  points: number[];
  labels: number[] | null;
  labelNames: string[];
  mean: number[];
  components: [number[], number[]];
  variances: [number, number];
  totalVariance: number;
  thumbnailsBase64: string;
}

export type HostToWebview =
  | { type: 'model'; summary: ModelSummary; epochs: EpochMetrics[] }
  | { type: 'decoder'; source: DecoderSource }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'status'; status: ModelSummary['status']; message?: string }
  | PreviewMessage
  | EncodedMessage
  | LatentMapMessage
  | { type: 'interpolatePair'; names: [string, string]; height: number; width: number; channels: 1 | 3; pixels: number[] }
  | { type: 'notice'; text: string }
  /** Scroll to the samples and draw a fresh set (the side view's Sample action). */
  | { type: 'showSamples' };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'cancelTraining' }
  | { type: 'openSource'; index: number }
  | { type: 'requestPreview'; order: 'spread' | 'worst' }
  | { type: 'saveImage'; pixels: number[] }
  | { type: 'exportPng'; kind: 'samples' | 'interpolation'; width: number; height: number; channels: 1 | 3; pixels: number[] }
  | { type: 'requestLatentMap'; method: 'pca' | 'umap' }
  | { type: 'retrain'; remedy: RemedyName };

const MAX_INDEX = 1_000_000;
/** The largest image a model here takes: 1024 × 1024 × 3 (see validateConfig). */
const MAX_IMAGE = 1024 * 1024 * 3;
/** The largest sheet the page may export: 4096 × 4096 RGB. */
const MAX_SHEET = 4096 * 4096 * 3;

function isPixelArray(v: unknown, max = MAX_IMAGE): v is number[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > max) return false;
  for (const p of v) if (!Number.isInteger(p) || p < 0 || p > 255) return false;
  return true;
}

/** Accepts exactly the messages the page may send, with no extra fields; anything else is rejected. */
export function isWebviewToHost(msg: unknown): msg is WebviewToHost {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return false;
  const m = msg as Record<string, unknown>;
  const keys = Object.keys(m);
  switch (m.type) {
    case 'ready':
    case 'cancelTraining':
      return keys.length === 1;
    case 'requestLatentMap':
      return keys.length === 2 && (m.method === 'pca' || m.method === 'umap');
    case 'openSource':
      return keys.length === 2 && Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < MAX_INDEX;
    case 'requestPreview':
      return keys.length === 2 && (m.order === 'spread' || m.order === 'worst');
    case 'saveImage':
      return keys.length === 2 && isPixelArray(m.pixels);
    case 'retrain':
      return keys.length === 2 && isRemedyName(m.remedy);
    case 'exportPng': {
      const dim = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4096;
      return (
        keys.length === 6 &&
        (m.kind === 'samples' || m.kind === 'interpolation') &&
        dim(m.width) &&
        dim(m.height) &&
        (m.channels === 1 || m.channels === 3) &&
        (m.pixels as unknown[] | undefined)?.length === (m.width as number) * (m.height as number) * (m.channels as number) &&
        isPixelArray(m.pixels, MAX_SHEET)
      );
    }
    default:
      return false;
  }
}
