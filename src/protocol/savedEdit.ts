// A saved edit of an encoded image: which image, which attribute vector (by label names) at which strength, and
// the codes, so the edit can be reopened (Open Saved Edit…) or reapplied to another image. The page sends the
// edit part; the host adds the paths it knows itself and writes it as JSON next to the edited PNG.
import { latentVector } from './images';
import { s, type Infer } from './schema';

export const STRENGTH_LIMIT = 2;

export const attributeChoice = s.object({ from: s.string(200), to: s.string(200) });

/** What the page knows of an edit. */
export const pageEditSchema = s.refine(
  s.object({
    attribute: s.nullable(attributeChoice),
    strength: s.number({ min: -STRENGTH_LIMIT, max: STRENGTH_LIMIT }),
    /** The code the per-dimension sliders set (μ when untouched). */
    code: latentVector(),
    /** The decoded code: code + strength·(centroid(to) − centroid(from)). */
    z: latentVector(),
  }),
  (e) => (e.code.length === e.z.length && e.code.length > 0 ? null : `code has ${e.code.length} values and z ${e.z.length}`),
);
export type PageEdit = Infer<typeof pageEditSchema>;

/** The file: format marker, the model and source image, and the page's edit. */
export const savedEditSchema = s.object({
  format: s.oneOf('latent-explorer-edit/1'),
  modelDir: s.string(),
  sourceImage: s.string(),
  edit: pageEditSchema,
});
export type SavedEdit = Infer<typeof savedEditSchema>;
