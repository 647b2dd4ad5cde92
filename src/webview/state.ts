// What the model panel's page knows, and which of it survives a reload (VS Code's getState/setState): the host
// data and the user's settings persist; the in-page decoder, the latent map (large, re-sent on open) and the
// theme counter do not. A restored slice is checked with the protocol's own schemas, so a state written by an
// older version (plain arrays where typed arrays are now) is dropped rather than drawn wrong.
import { encodingSchema, type Encoding } from '../protocol/encoding';
import type { LatentMap, MapImages, MapProgress } from '../protocol/latentMap';
import { metricsReportSchema, type MetricsReport } from '../protocol/metrics';
import { DEFAULT_NEIGHBOURS, MAX_NEIGHBOURS, latentMetric, type ImageSearch, type LatentMetricName, type Neighbours } from '../protocol/neighbours';
import type { LatentStats } from '../protocol/latentStats';
import type { JobSamples } from '../protocol/jobSamples';
import { STRENGTH_LIMIT } from '../protocol/savedEdit';
import { DEFAULT_TRAVERSE_RANGE, type TraverseRange } from '../shared/traversalRange';
import { previewSchema, type Preview } from '../protocol/preview';
import { s, type Schema } from '../protocol/schema';
import { decoderSource, epochMetrics, modelConfig, modelSummary, type DecoderSource, type ModelSummary } from '../protocol/summary';
import { hostToPageShapes, type InterpolatePair } from '../protocol/webview';
import type { EpochMetrics, ModelConfig } from '../shared/types';
import { DEFAULT_INTERPOLATION, type InterpolateSettings } from './interpolate';
import type { PageVae } from './pageVae';
import { fromJsonSafe, toJsonSafe } from './persist';
import type { SampleSettings } from './samples';
import type { Store } from './pageStore';

export interface PageState {
  /** Which model this page shows: the serializer reopens it after a reload. */
  modelDir: string | null;
  summary: ModelSummary | null;
  /** summary.model, kept apart so that a status change (a new summary) does not redraw what decodes. */
  model: ModelConfig | null;
  epochs: EpochMetrics[];
  notice: string;
  preview: Preview | null;
  /** Two images sent by "Interpolate Between Images": first in the picker. */
  pair: InterpolatePair | null;
  encoded: Encoding | null;
  /** The edited latent code of the encoded image (starts at μ). */
  code: number[] | null;
  decoderSource: DecoderSource | null;
  samples: SampleSettings;
  interpolation: InterpolateSettings;
  pickNext: 'a' | 'b';
  traverseAround: 'image' | 'origin';
  /** The values a traversal sweeps (shared/traversalRange.ts). */
  traverseRange: TraverseRange;
  /** Label centroids, μ ranges and the aggregate posterior's mixture, from the job process. */
  latentStats: LatentStats | null;
  /** The attribute vector applied to the encoded image: label names (empty: none) and its strength. */
  attribute: { from: string; to: string; strength: number };
  /** The model running in this page, once its weights are fetched. */
  vae: PageVae | null;
  /** Why the page cannot decode, if it cannot. */
  decoderProblem: string;
  latentMap: LatentMap | null;
  /** How far the map being computed is; null when none is. */
  mapProgress: MapProgress | null;
  /** The latest images of map points the host sent (the map view keeps them). */
  mapImages: MapImages | null;
  /** Bumped when VS Code changes the theme: views drawing theme colours on canvases redraw. */
  theme: number;
  /** The last Compute Metrics report of this model, and whether one is being computed. */
  metrics: MetricsReport | null;
  metricsState: 'idle' | 'running' | 'cancelled' | 'failed';
  /** The k-NN inspector: the last answer, why the last request failed (or ''), the last name search, its settings. */
  neighbours: Neighbours | null;
  neighboursProblem: string;
  imageSearch: ImageSearch | null;
  neighbourSettings: { k: number; metric: LatentMetricName };
  /**
   * Prior samples the job process drew (a PixelCNN decoder's, which this page cannot run), how far the drawing is
   * (null when none is under way) and why the last request gave none ('' when it did).
   */
  jobSamples: JobSamples | null;
  jobSamplesProgress: { done: number; total: number } | null;
  jobSamplesProblem: string;
}

export const INITIAL: PageState = {
  modelDir: null, summary: null, model: null, epochs: [], notice: '', preview: null, pair: null, encoded: null, code: null, decoderSource: null,
  samples: { temperature: 1, seed: 1 }, interpolation: DEFAULT_INTERPOLATION, pickNext: 'a', traverseAround: 'image',
  traverseRange: DEFAULT_TRAVERSE_RANGE, latentStats: null, attribute: { from: '', to: '', strength: 0 },
  vae: null, decoderProblem: '', latentMap: null, mapProgress: null, mapImages: null, theme: 0, metrics: null, metricsState: 'idle',
  neighbours: null, neighboursProblem: '', imageSearch: null, neighbourSettings: { k: DEFAULT_NEIGHBOURS, metric: 'euclidean' },
  jobSamples: null, jobSamplesProgress: null, jobSamplesProblem: '',
};

const setting = <T>(values: readonly T[]) => s.refine(s.unchecked<T>(), (v) => (values.includes(v) ? null : 'unknown setting'));

/** The persisted fields and the check each passes on restore. */
const PERSISTED: { [K in keyof PageState]?: Schema<unknown> } = {
  modelDir: s.nullable(s.string()),
  summary: s.nullable(modelSummary),
  model: s.nullable(modelConfig),
  epochs: s.array(epochMetrics, 100_000),
  notice: s.string(),
  preview: s.nullable(previewSchema),
  pair: s.nullable(hostToPageShapes.interpolatePair.pair),
  encoded: s.nullable(encodingSchema),
  code: s.nullable(s.array(s.number(), 4096)),
  decoderSource: s.nullable(decoderSource),
  samples: s.object({ temperature: s.number({ min: 0.1, max: 2 }), seed: s.number({ integer: true }) }),
  interpolation: s.object({ a: s.number({ integer: true, min: 0 }), b: s.number({ integer: true, min: 0 }), mode: s.oneOf('linear', 'spherical'), steps: s.number({ integer: true, min: 2, max: 16 }) }),
  pickNext: setting(['a', 'b']),
  traverseAround: setting(['image', 'origin']),
  metrics: s.nullable(metricsReportSchema),
  neighbourSettings: s.object({ k: s.number({ integer: true, min: 1, max: MAX_NEIGHBOURS }), metric: latentMetric }),
  traverseRange: s.refine(s.unchecked<TraverseRange>(), (r) =>
    typeof r === 'object' && r !== null && (r.kind === 'data' || (r.kind === 'sigma' && [1, 2, 3].includes(r.k)) || (r.kind === 'quantile' && [0.05, 0.025, 0.01].includes(r.p))) ? null : 'unknown range',
  ),
  attribute: s.object({ from: s.string(200), to: s.string(200), strength: s.number({ min: -STRENGTH_LIMIT, max: STRENGTH_LIMIT }) }),
};
const PERSISTED_KEYS = Object.keys(PERSISTED) as (keyof PageState)[];

/** The initial state with every persisted slice that still fits its declaration. */
export function restore(saved: unknown): PageState {
  const raw = fromJsonSafe(saved);
  const state: PageState = { ...INITIAL };
  if (typeof raw !== 'object' || raw === null) return state;
  for (const k of PERSISTED_KEYS) {
    const v = (raw as Record<string, unknown>)[k];
    if (v !== undefined && PERSISTED[k]!.check(v, k) === null) (state as unknown as Record<string, unknown>)[k] = v;
  }
  return state;
}

/** Writes the persisted fields whenever one changes; each field's JSON-safe form is recomputed only when it changed. */
export function persistTo(store: Store<PageState>, setState: (s: unknown) => void): void {
  const cache = new Map<keyof PageState, unknown>();
  const save = (state: Readonly<PageState>, changed: ReadonlySet<keyof PageState>) => {
    for (const k of PERSISTED_KEYS) if (changed.has(k) || !cache.has(k)) cache.set(k, toJsonSafe(state[k]));
    setState(Object.fromEntries(cache));
  };
  store.subscribe(PERSISTED_KEYS, save);
  save(store.get(), new Set(PERSISTED_KEYS));
}
