// The k-NN inspector's data: an image of the model's dataset, its k nearest images in latent space (μ(x)) with
// their distances and thumbnails, and a search of the dataset by file name. Computed by the job process over
// every image's μ, drawn by the panel; declared once, as type and check.
import { channels, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

export const latentMetric = s.oneOf('euclidean', 'cosine');
export type LatentMetricName = Infer<typeof latentMetric>;

/** The most neighbours one request may ask for; the most hits a name search returns. */
export const MAX_NEIGHBOURS = 100;
export const MAX_SEARCH_HITS = 50;
export const DEFAULT_NEIGHBOURS = 8;

const index = () => s.number({ integer: true, min: 0, max: 10_000_000 });

/** One image of the dataset: its index in the dataset's order, its path relative to the dataset, its label. */
export const datasetImage = s.object({ index: index(), path: s.string(), label: s.nullable(s.string(1000)) });
export type DatasetImage = Infer<typeof datasetImage>;

/** Which image to start from: by its index in the dataset (the map, a search hit) or its source path (a preview). */
export const neighbourTarget = s.object({ index: s.optional(index()), source: s.optional(s.string()) });
export type NeighbourTarget = Infer<typeof neighbourTarget>;

export const neighboursSchema = s.refine(
  s.object({
    query: datasetImage,
    metric: latentMetric,
    k: s.number({ integer: true, min: 1, max: MAX_NEIGHBOURS }),
    /** The dataset's size: the k were searched among all of it. */
    total: s.number({ integer: true, min: 0 }),
    height: side(),
    width: side(),
    channels: channels(),
    /** Nearest first; distance is Euclidean ‖μ − μ'‖ or cosine 1 − cos(μ, μ'). */
    neighbours: s.array(s.object({ image: datasetImage, distance: s.number({ min: 0 }) }), MAX_NEIGHBOURS),
    /** uint8, the query's image then each neighbour's, H·W·C each. */
    pixels: pixels(),
  }),
  (n) => pixelsFit('pixels', n.pixels, 1 + n.neighbours.length, n),
);
export type Neighbours = Infer<typeof neighboursSchema>;

export const imageSearchSchema = s.refine(
  s.object({
    query: s.string(200),
    /** How many images matched in all (only the first MAX_SEARCH_HITS are listed). */
    matches: s.number({ integer: true, min: 0 }),
    height: side(),
    width: side(),
    channels: channels(),
    hits: s.array(datasetImage, MAX_SEARCH_HITS),
    /** uint8 thumbnails of the hits, H·W·C each. */
    pixels: pixels(),
  }),
  (r) => pixelsFit('pixels', r.pixels, r.hits.length, r),
);
export type ImageSearch = Infer<typeof imageSearchSchema>;
