// One image file through the model: its posterior q(z|x) and what the decoder makes of μ. Computed by the job
// process, shown (and edited) by the panel; declared once, as type and check.
import { channels, latentVector, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

export const encodingSchema = s.refine(
  s.object({
    imagePath: s.string(),
    modelDir: s.string(),
    height: side(),
    width: side(),
    channels: channels(),
    /** The image as the model sees it (resized, channel-converted), uint8 H·W·C. */
    pixels: pixels(),
    reconstruction: pixels(),
    mu: latentVector(),
    logvar: latentVector(),
    /** −log p(x | z = μ), nats: the anomaly score. */
    reconError: s.number(),
    /** Share of the model's dataset (up to 2 000 images) with a lower anomaly score, %; null without the data. */
    percentile: s.nullable(s.number({ min: 0, max: 100 })),
    /** The dataset images whose μ is nearest to this one's, nearest first. */
    neighbours: s.array(s.object({ source: s.string(), distance: s.number({ min: 0 }) }), 64),
    /** Their pixels, uint8 N·H·W·C. */
    neighbourPixels: pixels(),
    /**
     * A conditional model: the label the image was encoded under. An image file carries none, so it is the label
     * the model finds most likely, p(y|x) ∝ exp ELBO(x|y) with a uniform p(y) (engine/labelPosterior.ts).
     */
    label: s.optional(s.object({ name: s.string(), probability: s.number({ min: 0, max: 1 }) })),
  }),
  (e) =>
    pixelsFit('pixels', e.pixels, 1, e) ??
    pixelsFit('reconstruction', e.reconstruction, 1, e) ??
    pixelsFit('neighbourPixels', e.neighbourPixels, e.neighbours.length, e) ??
    (e.mu.length === e.logvar.length && e.mu.length > 0 ? null : `mu has ${e.mu.length} values and logvar ${e.logvar.length}`),
);

export type Encoding = Infer<typeof encodingSchema>;
