// Codes of a model's dataset projected to 2-D by PCA or UMAP (see the job's latent map), as the panel draws them.
// Declared once: the type, and the check the page runs on arrival. Typed arrays travel as they are.
import { MAX_IMAGES, MAX_LATENTS, channels, count, latentVector, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

export const projection = s.oneOf('pca', 'umap');
export type Projection = Infer<typeof projection>;

export const latentMapSchema = s.refine(
  s.object({
    method: projection,
    count: count(),
    height: side(),
    width: side(),
    channels: channels(),
    /** count × 2, row-major: PCA or UMAP coordinates of μ(x). */
    points: s.typedArray('Float32Array', 2 * MAX_IMAGES),
    /** count × latentDim μ(x): UMAP has no inverse, so a click decodes the nearest image's code. Empty for PCA. */
    codes: s.typedArray('Float32Array', MAX_IMAGES * MAX_LATENTS),
    labels: s.nullable(s.typedArray('Int32Array', MAX_IMAGES)),
    labelNames: s.array(s.string(200), 10_000),
    /** PCA only: a 2-D point (x, y) maps back to the latent code mean + x·components[0] + y·components[1]. */
    mean: latentVector(),
    components: s.tuple(latentVector(), latentVector()),
    variances: s.tuple(s.number({ min: 0 }), s.number({ min: 0 })),
    totalVariance: s.number({ min: 0 }),
    /** The images, uint8 count·H·W·C, for hover thumbnails. */
    thumbnails: pixels(),
    sources: s.array(s.string(), MAX_IMAGES),
  }),
  (m) => {
    if (m.points.length !== 2 * m.count) return `points has ${m.points.length} values for ${m.count} images`;
    if (m.labels && m.labels.length !== m.count) return `labels has ${m.labels.length} values for ${m.count} images`;
    if (m.labels?.some((l) => l < 0 || l >= m.labelNames.length)) return 'a label has no name';
    if (m.codes.length % Math.max(1, m.count) !== 0 || (m.method === 'umap' && m.codes.length === 0 && m.count > 0)) return `codes has ${m.codes.length} values for ${m.count} images`;
    if (m.components[0].length !== m.mean.length || m.components[1].length !== m.mean.length) return 'components and mean differ in length';
    return pixelsFit('thumbnails', m.thumbnails, m.count, m);
  },
);

export type LatentMap = Infer<typeof latentMapSchema>;
