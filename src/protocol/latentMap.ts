// Codes of a model's whole dataset projected to 2-D by PCA, UMAP or a custom label axis (see the job's latent
// map), as the panel draws them. Declared once: the type, and the check the page runs on arrival. Typed arrays
// travel as they are: positions as a Float32Array, labels as an Int32Array. No thumbnails travel with the map:
// the page asks for the images of the points it shows enlarged (`mapImages`), a few hundred at a time.
import { MAX_LATENTS, channels, latentVector, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

/** The most points a map carries (the job encodes every image; this only bounds a hostile message). */
export const MAX_MAP_POINTS = 2_000_000;
/** The most images one `mapImages` request or reply carries. */
export const MAX_MAP_IMAGES = 1000;
/** UMAP is fitted on a seeded sample of this many codes unless the user asks for all; the rest are placed by `transform`. */
export const UMAP_SAMPLE = 5000;

export const projection = s.oneOf('pca', 'umap', 'custom');
export type Projection = Infer<typeof projection>;

const labelIndex = () => s.number({ integer: true, min: 0, max: 9999 });
/** A custom projection: x from label `x[0]`'s centroid to `x[1]`'s; y along another pair, or PCA of what x leaves (null). */
export const mapAxes = s.refine(
  s.object({ x: s.tuple(labelIndex(), labelIndex()), y: s.nullable(s.tuple(labelIndex(), labelIndex())) }),
  (a) => (a.x[0] === a.x[1] ? 'the x axis needs two different labels' : a.y && a.y[0] === a.y[1] ? 'the y axis needs two different labels' : null),
);
export type MapAxes = Infer<typeof mapAxes>;

/** What the user asked for: the projection, UMAP on every image instead of a sample, the custom axes. */
export const mapSpec = s.object({
  method: projection,
  umapAll: s.optional(s.boolean()),
  axes: s.optional(mapAxes),
  /** Tests and benchmarks only: encode a spread of at most this many images. */
  maxPoints: s.optional(s.number({ integer: true, min: 1 })),
});
export type MapSpec = Infer<typeof mapSpec>;

/** Marked points drawn over the map by other features (e.g. a prior's mixture components), in map coordinates. */
export const mapOverlay = s.array(s.object({ x: s.number(), y: s.number(), label: s.string(200) }), 1000);

export const latentMapSchema = s.refine(
  s.object({
    method: projection,
    count: s.number({ integer: true, min: 0, max: MAX_MAP_POINTS }),
    height: side(),
    width: side(),
    channels: channels(),
    /** count × 2, row-major: the coordinates of μ(x) of image i, i in the job's dataset order. */
    points: s.typedArray('Float32Array', 2 * MAX_MAP_POINTS),
    labels: s.nullable(s.typedArray('Int32Array', MAX_MAP_POINTS)),
    labelNames: s.array(s.string(200), 10_000),
    /** What the two axes show (e.g. "PC 1", "Sandal → Sneaker"). */
    axisNames: s.tuple(s.string(200), s.string(200)),
    /** UMAP: how many codes the layout was fitted on (the rest placed by transform); count when all. 0 otherwise. */
    fitted: s.number({ integer: true, min: 0, max: MAX_MAP_POINTS }),
    /** PCA and custom: a 2-D point (x, y) maps back to the latent code mean + x·components[0] + y·components[1]. */
    mean: latentVector(),
    components: s.tuple(latentVector(), latentVector()),
    variances: s.tuple(s.number({ min: 0 }), s.number({ min: 0 })),
    totalVariance: s.number({ min: 0 }),
    /** The image files, relative to the dataset folder where they are inside it (for the tooltip). */
    sources: s.array(s.string(), MAX_MAP_POINTS),
    overlay: s.optional(mapOverlay),
  }),
  (m) => {
    if (m.points.length !== 2 * m.count) return `points has ${m.points.length} values for ${m.count} images`;
    if (m.labels && m.labels.length !== m.count) return `labels has ${m.labels.length} values for ${m.count} images`;
    if (m.labels?.some((l) => l < 0 || l >= m.labelNames.length)) return 'a label has no name';
    if (m.sources.length !== m.count) return `sources has ${m.sources.length} names for ${m.count} images`;
    if (m.components[0].length !== m.mean.length || m.components[1].length !== m.mean.length) return 'components and mean differ in length';
    return null;
  },
);
export type LatentMap = Infer<typeof latentMapSchema>;

/** The images and codes of some points of the map, for thumbnails and for decoding a UMAP point's nearest image. */
export const mapImagesSchema = s.refine(
  s.object({
    indices: s.typedArray('Int32Array', MAX_MAP_IMAGES),
    height: side(),
    width: side(),
    channels: channels(),
    /** indices.length · H·W·C uint8 */
    pixels: pixels(),
    /** indices.length × latentDim μ(x) */
    codes: s.typedArray('Float32Array', MAX_MAP_IMAGES * MAX_LATENTS),
  }),
  (r) => (r.indices.length && r.codes.length % r.indices.length !== 0 ? `codes has ${r.codes.length} values for ${r.indices.length} images` : pixelsFit('pixels', r.pixels, r.indices.length, r)),
);
export type MapImages = Infer<typeof mapImagesSchema>;

/** How far a map's computation is: the codes, UMAP's neighbour graph, its layout, the placement of the rest. */
export const mapProgress = s.object({
  stage: s.oneOf('encoding', 'neighbours', 'layout', 'placing'),
  done: s.number({ min: 0 }),
  total: s.number({ min: 0 }),
});
export type MapProgress = Infer<typeof mapProgress>;
