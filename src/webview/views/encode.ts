// Encode Image: a new encoding rebuilds the section; moving a slider (or Reset) changes only the code, so only
// the edited image is decoded again and the slider being dragged stays in place.
import { encode as section } from '../../protocol/panel';
import { baseName, el } from '../dom';
import { l10n } from '../l10n';
import { decodeCode, drawEncodedImages, klOfDim, renderEncodeRows } from '../encodeView';
import { drawGrid } from '../imageGrid';
import type { View } from './view';

const id = section.ids;
/** The edited image last decoded, for Save Edited Image…. */
let edited: Uint8Array | null = null;
/** Set by listen(): a slider's handler needs the store. */
let onEdit: (d: number, v: number) => void = () => undefined;

export const encodeView: View = {
  uses: ['encoded', 'code', 'vae'],
  render({ encoded: e, code, vae }, changed) {
    el(id.section).hidden = !e;
    if (!e) return;
    const current = code ?? e.mu;
    if (changed.has('encoded')) {
      el(id.name).textContent = `(${baseName(e.imagePath)})`;
      const kl = e.mu.reduce((a, m, d) => a + klOfDim(m, e.logvar[d]), 0);
      const rank = e.percentile === null ? '' : ` — ${l10n.t("higher than {0}% of the model's dataset", e.percentile.toFixed(0))}`;
      const label = e.label ? ` ${l10n.t('Encoded under the label {0}, the most likely for this image (p(y|x) = {1}%).', e.label.name, (100 * e.label.probability).toFixed(0))}` : '';
      el(id.note).textContent = `${l10n.t('KL(q(z|x) ‖ p(z)) = {0} nats; anomaly score −log p(x | z = μ) = {1} nats', kl.toFixed(2), e.reconError.toFixed(1))}${rank}.${label}`;
      el(id.neighboursRow).hidden = e.neighbours.length === 0;
      if (e.neighbours.length) {
        drawGrid(el<HTMLCanvasElement>(id.neighbours), e.neighbourPixels, e.neighbours.length, e.height, e.width, e.channels, e.neighbours.length);
        el(id.neighbourNames).textContent = e.neighbours.map((n) => `${baseName(n.source)} (${n.distance.toFixed(2)})`).join(', ');
      }
      renderEncodeRows(el(id.dims), e, current, id.sliderPrefix, (d, v) => onEdit(d, v));
    } else {
      for (let d = 0; d < current.length; d++) {
        const slider = el<HTMLInputElement>(`${id.sliderPrefix}${d}`);
        if (slider && Number(slider.value) !== current[d]) slider.value = String(current[d]);
      }
    }
    edited = vae ? decodeCode(vae, current) : null;
    drawEncodedImages(e, edited, { original: el<HTMLCanvasElement>(id.original), recon: el<HTMLCanvasElement>(id.recon), edited: el<HTMLCanvasElement>(id.edited) });
  },
  listen({ store, send }) {
    onEdit = (d, v) => {
      const { encoded, code } = store.get();
      if (!encoded) return;
      const next = [...(code ?? encoded.mu)];
      next[d] = v;
      store.update({ code: next });
    };
    el(id.reset).addEventListener('click', () => {
      const e = store.get().encoded;
      if (e) store.update({ code: [...e.mu] });
    });
    el(id.save).addEventListener('click', () => {
      if (edited) send({ type: 'saveImage', pixels: edited });
    });
  },
};
