// The prior's components (MoG or VampPrior; hidden otherwise): a table row per component, heaviest first, with
// π_k, the VampPrior's pseudo-input and PER_COMPONENT samples of that component alone, decoded in one batch. The
// samples follow the samples section's temperature and seed; they are drawn again only when those, the decoder
// or the model change.
import { prior as section } from '../../protocol/panel';
import { priorKind } from '../../shared/types';
import { el } from '../dom';
import { drawGrid } from '../imageGrid';
import { l10n } from '../l10n';
import type { View } from './view';

const id = section.ids;
export const PER_COMPONENT = 8;
/** Rows shown at most (the heaviest components): a prior may have up to 1 000. */
export const MAX_ROWS = 32;

function canvasCell(label: string): { td: HTMLTableCellElement; canvas: HTMLCanvasElement } {
  const td = document.createElement('td');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  td.append(canvas);
  return { td, canvas };
}

export const priorView: View = {
  uses: ['vae', 'model', 'samples'],
  render({ vae, model, samples: s }) {
    const mixture = vae?.latent?.priorMixture() ?? null;
    el(id.section).hidden = !mixture || !model;
    if (!vae || !model || !mixture) return;
    const vamp = priorKind(model) === 'vamp';
    const [h, w, c] = model.inputShape;
    const order = Array.from({ length: mixture.k }, (_, k) => k).sort((a, b) => mixture.logWeights[b] - mixture.logWeights[a]).slice(0, MAX_ROWS);
    el(id.note).textContent = vamp
      ? l10n.t('(VampPrior: p(z) = 1/K Σ_k q(z|u_k) over K = {0} learned pseudo-inputs u_k, each encoded by the model’s own encoder)', mixture.k)
      : l10n.t('(mixture of K = {0} Gaussians, means, variances and weights learned with the VAE)', mixture.k);
    if (order.length < mixture.k) el(id.note).textContent += ' ' + l10n.t('(the {0} heaviest of {1} components)', order.length, mixture.k);
    el(id.pseudoHeader).hidden = !vamp;
    // one batch for every row: row r holds PER_COMPONENT codes of component order[r]
    const codes = new Float32Array(order.length * PER_COMPONENT * mixture.d);
    order.forEach((k, r) => codes.set(vae.priorSampleCodes(PER_COMPONENT, s.temperature, s.seed * 1000 + k, k), r * PER_COMPONENT * mixture.d));
    const pixels = vae.decode(codes, order.length * PER_COMPONENT);
    const per = h * w * c;
    const pseudo = vamp ? vae.latent!.pseudoInputs() : null;
    const rows = order.map((k, r) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = String(k + 1);
      const weight = document.createElement('td');
      weight.textContent = Math.exp(mixture.logWeights[k]).toFixed(3);
      tr.append(th, weight);
      if (pseudo) {
        const u = canvasCell(l10n.t('Pseudo-input {0}', k + 1));
        drawGrid(u.canvas, Uint8Array.from(pseudo.subarray(k * per, (k + 1) * per), (v) => Math.round(v * 255)), 1, h, w, c as 1 | 3, 1);
        tr.append(u.td);
      }
      const samples = canvasCell(l10n.t('{0} samples of component {1}', PER_COMPONENT, k + 1));
      samples.canvas.dataset.component = String(k);
      drawGrid(samples.canvas, pixels.subarray(r * PER_COMPONENT * per, (r + 1) * PER_COMPONENT * per), PER_COMPONENT, h, w, c as 1 | 3, PER_COMPONENT);
      tr.append(samples.td);
      return tr;
    });
    el(id.rows).replaceChildren(...rows);
  },
};
