// A few images of a model's dataset and their reconstructions: computed by the job process, drawn by the panel.
// Declared once (schema.ts): the type, and the check the page runs when one arrives.
import { channels, count, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

/** Which images a preview shows: a spread over the dataset, or the worst reconstructed (anomaly candidates). */
export const previewOrder = s.oneOf('spread', 'worst');
export type PreviewOrder = Infer<typeof previewOrder>;

const MAX_PREVIEW = 256;

export const previewSchema = s.refine(
  s.object({
    order: previewOrder,
    /** −log p(x | z = μ) per image, nats: the anomaly score. */
    errors: s.array(s.number(), MAX_PREVIEW),
    height: side(),
    width: side(),
    channels: channels(),
    count: count(MAX_PREVIEW),
    /** uint8 N·H·W·C */
    originals: pixels(),
    reconstructions: pixels(),
    /** Source file (or IDX record) of each image, for "open in editor". */
    sources: s.array(s.string(), MAX_PREVIEW),
  }),
  (p) =>
    pixelsFit('originals', p.originals, p.count, p) ??
    pixelsFit('reconstructions', p.reconstructions, p.count, p) ??
    (p.errors.length === p.count && p.sources.length === p.count ? null : `a preview of ${p.count} images has ${p.errors.length} errors and ${p.sources.length} sources`),
);

/** A few images and their reconstructions, uint8 N·H·W·C, for the panel's grid. */
export type Preview = Infer<typeof previewSchema>;
