// Messages between the extension host and the model panel's page, each direction declared once (schema.ts):
// the union types and their validators come from the same declaration. Both ends check what they receive —
// the host because the page is a browser context it does not trust, the page so that a host bug shows as a
// refusal rather than a NaN on a canvas. They travel in the envelope (envelope.ts) as notifications; typed
// arrays travel as typed arrays (VS Code ≥ 1.57 transfers them in webview messages).
import { encodingSchema } from './encoding';
import { MAX_IMAGE, channels, pixels, pixelsFit, side } from './images';
import { MAX_MAP_IMAGES, latentMapSchema, mapAxes, mapImagesSchema, mapProgress, projection } from './latentMap';
import { metricsReportSchema } from './metrics';
import { DEFAULT_NEIGHBOURS, MAX_NEIGHBOURS, imageSearchSchema, latentMetric, neighboursSchema } from './neighbours';
import { components, latentStatsSchema } from './latentStats';
import { pageEditSchema } from './savedEdit';
import { previewOrder, previewSchema } from './preview';
import { jobSampleCount, jobSamplesSchema, sampleTemperature } from './jobSamples';
import { REMEDY_NAMES, type RemedyName } from './remedies';
import { messageUnion, s, type MessageOf } from './schema';
import { decoderSource, epochMetrics, MAX_EPOCHS, modelStatus, modelSummary } from './summary';

export { summaryOf, type DecoderSource, type ModelSummary } from './summary';

export { REMEDY_NAMES, type RemedyName } from './remedies';
export const remedyName = s.oneOf(...REMEDY_NAMES);
export const isRemedyName = (v: unknown): v is RemedyName => remedyName.check(v, 'remedy') === null;

/** The largest sheet the page may export: 4096 × 4096 RGB. */
const MAX_SHEET_SIDE = 4096;

export const hostToPageShapes = {
  model: { summary: modelSummary, epochs: s.array(epochMetrics, MAX_EPOCHS) },
  decoder: { source: decoderSource },
  epoch: { metrics: epochMetrics },
  status: { status: modelStatus, message: s.optional(s.string()) },
  preview: { preview: previewSchema },
  encoded: { encoding: encodingSchema },
  latentMap: { map: latentMapSchema },
  /** How far the map being computed is (UMAP on every image takes minutes). */
  mapProgress: { progress: mapProgress },
  /** Images and codes the page asked for with requestMapImages. */
  mapImages: { images: mapImagesSchema },
  /** Two images from "Interpolate Between Images": they lead the picker as A and B. */
  interpolatePair: {
    pair: s.refine(
      s.object({ names: s.tuple(s.string(), s.string()), height: side(), width: side(), channels: channels(), pixels: pixels() }),
      (p) => pixelsFit('pixels', p.pixels, 2, p),
    ),
  },
  notice: { text: s.string() },
  /** Compute Metrics finished: the Metrics section shows the report. */
  metrics: { report: metricsReportSchema },
  /** Compute Metrics started, was cancelled or failed (the section's status line). */
  metricsState: { state: s.oneOf('running', 'cancelled', 'failed') },
  /** Label centroids, μ ranges and the aggregate posterior's mixture (protocol/latentStats.ts). */
  latentStats: { stats: latentStatsSchema },
  /** A reopened saved edit: the encoded image follows (or came) as `encoded`; this sets its sliders and attribute. */
  applyEdit: { edit: pageEditSchema },
  /** Scroll to the samples and draw a fresh set (the side view's Sample action). */
  showSamples: {},
  /** The k-NN inspector's answer, or why there is none (problem, in words; result null). */
  neighbours: { result: s.nullable(neighboursSchema), problem: s.string() },
  imageSearch: { result: s.nullable(imageSearchSchema), problem: s.string() },
  /** Prior samples the job process is drawing for this page (a PixelCNN decoder's): pixels drawn per image so far. */
  jobSamplesProgress: { done: s.number({ integer: true, min: 0 }), total: s.number({ integer: true, min: 1 }) },
  /** The job's samples, or why there are none (cancelled, failed: problem in words, result null). */
  jobSamples: { result: s.nullable(jobSamplesSchema), problem: s.string() },
};
export const hostToPage = messageUnion(hostToPageShapes);
export type HostToPage = MessageOf<typeof hostToPageShapes>;

const sheetSide = () => s.number({ integer: true, min: 1, max: MAX_SHEET_SIDE });

export const pageToHostShapes = {
  ready: {},
  cancelTraining: {},
  /** Open the source file of preview image `index` (the host keeps the paths; the page sends an index). */
  openSource: { index: s.number({ integer: true, min: 0, max: 999_999 }) },
  requestPreview: { order: previewOrder },
  /** The edited encoded image, uint8 H·W·C (the host checks it has the encoded image's size). */
  saveImage: { pixels: s.refine(s.typedArray('Uint8Array', MAX_IMAGE), (p) => (p.length > 0 ? null : 'pixels is empty')), edit: s.optional(pageEditSchema) },
  /** A grid the page drew (samples, interpolation strip), to save as PNG. */
  exportPng: {
    sheet: s.refine(
      s.object({ kind: s.oneOf('samples', 'interpolation'), width: sheetSide(), height: sheetSide(), channels: channels(), pixels: s.typedArray('Uint8Array', MAX_SHEET_SIDE * MAX_SHEET_SIDE * 3) }),
      (g) => pixelsFit('pixels', g.pixels, 1, g),
    ),
  },
  requestLatentMap: { method: projection, umapAll: s.optional(s.boolean()), axes: s.optional(mapAxes) },
  cancelLatentMap: {},
  /** The images of the points the map shows enlarged (dataset indices, at most MAX_MAP_IMAGES). */
  requestMapImages: { indices: s.typedArray('Int32Array', MAX_MAP_IMAGES) },
  /** Refit the aggregate posterior's mixture with this many components (0: chosen by BIC). */
  requestLatentStats: { components: components() },
  retrain: { remedy: remedyName },
  /** The Metrics section's button: Compute Metrics on this panel's model. */
  computeMetrics: {},
  /** The k nearest images in latent space to one dataset image (by index: the map, a search hit; by source: a preview). */
  requestNeighbours: { index: s.optional(s.number({ integer: true, min: 0, max: 10_000_000 })), source: s.optional(s.string()), k: s.number({ integer: true, min: 1, max: MAX_NEIGHBOURS }), metric: latentMetric },
  /** Dataset images whose path contains `query`, case-insensitive. */
  searchImages: { query: s.string(200) },
  /** Export Latents… for this panel's model (the host asks for the images and the file). */
  exportLatents: {},
  /** Prior samples drawn by the job process (for a decoder the page cannot run: a PixelCNN's, pixel by pixel). */
  requestJobSamples: { count: jobSampleCount(), temperature: sampleTemperature(), seed: s.number({ integer: true, min: 0, max: 2 ** 31 - 1 }) },
  cancelJobSamples: {},
};
export const pageToHost = messageUnion(pageToHostShapes);
export type PageToHost = MessageOf<typeof pageToHostShapes>;

export type ExportSheet = Extract<PageToHost, { type: 'exportPng' }>['sheet'];
export { DEFAULT_NEIGHBOURS };
export type InterpolatePair = Extract<HostToPage, { type: 'interpolatePair' }>['pair'];
