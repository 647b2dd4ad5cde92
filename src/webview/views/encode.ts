// Encode Image: a new encoding rebuilds the section; moving a slider (or Reset) changes only the code, so only
// the edited image is decoded again and the slider being dragged stays in place. The edited image decodes the
// sliders' code plus the attribute vector at its strength (attributeEdit.ts).
import { encode as section } from '../../protocol/panel';
import type { PageEdit } from '../../protocol/savedEdit';
import { applyAttribute } from '../../shared/attribute';
import { attributeNote, chosenVector, fillLabelSelect, usableLabels } from '../attributeEdit';
import { baseName, el } from '../dom';
import { l10n } from '../l10n';
import { decodeCode, drawEncodedImages, klOfDim, renderEncodeRows } from '../encodeView';
import { drawGrid } from '../imageGrid';
import type { View } from './view';
import { noPageDecoderReason } from '../noPageDecoder';
import type { Encoding } from '../../protocol/encoding';
import type { PageVae } from '../pageVae';

const id = section.ids;
/** The edited image last decoded and the edit that made it, for Save Edited Image…. */
let edited: { pixels: Uint8Array; edit: PageEdit } | null = null;
/** Set by listen(): a slider's handler needs the store. */
let onEdit: (d: number, v: number) => void = () => undefined;

/**
 * Where the sliders start: the code the decoder reads for this image, as the reconstruction beside it decodes it —
 * z_K = f(μ) for a flow model (pageVae.encodeMean, engine meanCode), μ otherwise (also until the page's model loads).
 */
function startCode(e: Encoding, vae: PageVae | null): number[] {
  return vae?.latent?.hasFlow && vae.latentDim === e.mu.length ? [...vae.encodeMean(e.pixels, 1)] : e.mu;
}

export const encodeView: View = {
  uses: ['encoded', 'code', 'vae', 'model', 'latentStats', 'attribute'],
  render({ encoded: e, code, vae, model, latentStats, attribute }, changed) {
    el(id.section).hidden = !e;
    if (!e) return;
    const current = code ?? startCode(e, vae);
    const flowNote = vae?.latent?.hasFlow ? ` ${l10n.t('With a flow the sliders start at z_K = f(μ), the code the decoder reads (as for the reconstruction); the rows show q_0(z_0|x) before the flow.')}` : '';
    if (changed.has('encoded') || changed.has('vae')) {
      const kl = e.mu.reduce((a, m, d) => a + klOfDim(m, e.logvar[d]), 0);
      const rank = e.percentile === null ? '' : ` — ${l10n.t("higher than {0}% of the model's dataset", e.percentile.toFixed(0))}`;
      const label = e.label ? ` ${l10n.t('Encoded under the label {0}, the most likely for this image (p(y|x) = {1}%).', e.label.name, (100 * e.label.probability).toFixed(0))}` : '';
      const undecoded = noPageDecoderReason(model);
      el(id.note).textContent = `${l10n.t('KL(q(z|x) ‖ p(z)) = {0} nats; anomaly score −log p(x | z = μ) = {1} nats', kl.toFixed(2), e.reconError.toFixed(1))}${rank}.${label}${undecoded ? ` ${undecoded}` : ''}${flowNote}`;
    }
    if (changed.has('encoded')) {
      el(id.name).textContent = `(${baseName(e.imagePath)})`;
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
    const labels = usableLabels(latentStats);
    el(id.attrRow).hidden = labels.length < 2;
    fillLabelSelect(el<HTMLSelectElement>(id.attrFrom), labels, attribute.from);
    fillLabelSelect(el<HTMLSelectElement>(id.attrTo), labels, attribute.to);
    el<HTMLInputElement>(id.strength).value = String(attribute.strength);
    el(id.strengthValue).textContent = attribute.strength.toFixed(1);
    // a vector from another model (a different latent size) is not applied
    const found = chosenVector(latentStats, attribute);
    const vector = found && found.length === current.length ? found : null;
    el(id.attrNote).textContent = attributeNote(latentStats, attribute, vector);
    const z = applyAttribute(current, vector, attribute.strength);
    const pixels = vae && vae.latentDim === z.length ? decodeCode(vae, z) : null;
    edited = pixels && { pixels, edit: { attribute: vector ? { from: attribute.from, to: attribute.to } : null, strength: vector ? attribute.strength : 0, code: [...current], z } };
    drawEncodedImages(e, pixels, { original: el<HTMLCanvasElement>(id.original), recon: el<HTMLCanvasElement>(id.recon), edited: el<HTMLCanvasElement>(id.edited) });
  },
  listen({ store, send }) {
    onEdit = (d, v) => {
      const { encoded, code, vae } = store.get();
      if (!encoded) return;
      const next = [...(code ?? startCode(encoded, vae))];
      next[d] = v;
      store.update({ code: next });
    };
    // the first two labels are chosen when the centroids arrive and no choice (or a stale one) is set
    store.subscribe(['latentStats'], ({ latentStats, attribute }) => {
      const labels = usableLabels(latentStats);
      if (labels.length >= 2 && !(labels.includes(attribute.from) && labels.includes(attribute.to))) store.update({ attribute: { from: labels[0], to: labels[1], strength: attribute.strength } });
    });
    const choose = () =>
      store.update({
        attribute: { from: el<HTMLSelectElement>(id.attrFrom).value, to: el<HTMLSelectElement>(id.attrTo).value, strength: Number(el<HTMLInputElement>(id.strength).value) },
      });
    for (const control of [id.attrFrom, id.attrTo]) el(control).addEventListener('change', choose);
    el(id.strength).addEventListener('input', choose);
    el(id.reset).addEventListener('click', () => {
      const e = store.get().encoded;
      if (e) store.update({ code: [...startCode(e, store.get().vae)], attribute: { ...store.get().attribute, strength: 0 } });
    });
    el(id.save).addEventListener('click', () => {
      if (edited) send({ type: 'saveImage', pixels: edited.pixels, edit: edited.edit });
    });
  },
};
