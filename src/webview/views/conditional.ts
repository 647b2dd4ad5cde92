// A conditional VAE's section: samples per label (a row per label, a column per z: one z under every label, so
// style stays and the class changes along a column), the label the samples, interpolation and traversal sections
// decode under, and a plain statement when the decoder is ignoring its label. Hidden for other models.
import { conditional as section } from '../../protocol/panel';
import { el } from '../dom';
import { l10n } from '../l10n';
import { drawGrid } from '../imageGrid';
import { labelEffect } from '../labelEffect';
import { priorCodes, type PageVae } from '../pageVae';
import type { View } from './view';

const id = section.ids;
/** z's per row: the columns of the grid. */
const CODES = 8;
let labelsShown: PageVae | null = null;

/** The label picker's options, once per decoder. */
function fillPicker(vae: PageVae): void {
  if (labelsShown === vae) return;
  labelsShown = vae;
  const select = el<HTMLSelectElement>(id.label);
  select.replaceChildren(
    ...vae.labels.map((name, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = name;
      return o;
    }),
  );
  select.value = String(vae.label);
}

export const conditionalView: View = {
  uses: ['vae', 'model', 'samples'],
  render({ vae, model, samples: s }) {
    const k = vae?.labels.length ?? 0;
    el(id.section).hidden = !vae || !model || k === 0;
    if (!vae || !model || k === 0) return;
    fillPicker(vae);
    const [h, w, c] = model.inputShape;
    const codes = priorCodes(CODES, vae.latentDim, s.temperature, s.seed);
    // every row the same z's, row r under label r
    const all = new Float32Array(k * CODES * vae.latentDim);
    const labels = new Int32Array(k * CODES);
    for (let r = 0; r < k; r++) {
      all.set(codes, r * codes.length);
      labels.fill(r, r * CODES, (r + 1) * CODES);
    }
    const pixels = vae.decode(all, k * CODES, labels);
    const canvas = el<HTMLCanvasElement>(id.canvas);
    drawGrid(canvas, pixels, k * CODES, h, w, c as 1 | 3, CODES);
    const rowHeight = canvas.height / k;
    el(id.rows).replaceChildren(
      ...vae.labels.map((name) => {
        const span = document.createElement('span');
        span.textContent = name;
        span.style.height = `${rowHeight}px`;
        return span;
      }),
    );
    const e = labelEffect(pixels, k, CODES, h * w * c);
    el(id.verdict).textContent = e.ignored
      ? l10n.t(
          'The decoder is ignoring the label: the same z changes by {0} grey levels on average from label to label, against {1} from z to z. The encoder carries the class in z (common with a large latent size); try latent size 2, or train longer.',
          e.acrossLabels.toFixed(1),
          e.acrossCodes.toFixed(1),
        )
      : l10n.t('The label changes the image: {0} grey levels on average from label to label for the same z, against {1} from z to z.', e.acrossLabels.toFixed(1), e.acrossCodes.toFixed(1));
  },
  listen({ store }) {
    el(id.label).addEventListener('change', () => {
      const { vae, samples, interpolation } = store.get();
      if (!vae) return;
      vae.label = Number(el<HTMLSelectElement>(id.label).value);
      // new objects: the sections that decode redraw under the new label
      store.update({ samples: { ...samples }, interpolation: { ...interpolation } });
    });
  },
};
