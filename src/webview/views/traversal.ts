// Latent traversals. An epoch changes the KL per dimension, but the grid is decoded again only when what it
// shows changes: the decoder, the rows (the dimensions in KL order) or the centre (image A, or the origin).
import { traversal as section } from '../../protocol/panel';
import { el, radios } from '../dom';
import { clampPicks, codeOf, pickableOf, type Pickable } from '../interpolate';
import type { PageVae } from '../pageVae';
import { TRAVERSE_ROWS, TRAVERSE_STEPS, dimensionOrder, drawTraversal } from '../traverse';
import { l10n } from '../l10n';
import type { View } from './view';

const id = section.ids;
let shown: { vae: PageVae; label: number; dims: string; center: Pickable | null; a: number } | null = null;

export const traversalView: View = {
  uses: ['vae', 'model', 'preview', 'pair', 'interpolation', 'traverseAround', 'epochs'],
  render(state) {
    const around = state.traverseAround;
    for (const r of radios(id.center)) r.checked = r.value === around;
    const { vae, model } = state;
    const p = pickableOf(state.preview, state.pair);
    // a VQ-VAE's latent is a grid of discrete codes: moving one coordinate by σ has no meaning (the Codebook section edits codes instead)
    el(id.note).textContent = vae?.codebook ? l10n.t('Not applicable to a VQ-VAE: its latent is a grid of discrete codes with no σ to step along. Swap codes in the Codebook section’s code grid instead.') : '';
    if (vae?.codebook) {
      const canvas = el<HTMLCanvasElement>(id.canvas);
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      el(id.labels).replaceChildren();
      shown = null;
      return;
    }
    if (!vae || !model || (around === 'image' && !p)) return;
    const last = state.epochs.at(-1);
    const kl = last?.validation?.klPerDim ?? last?.train.klPerDim ?? new Array<number>(vae.latentDim).fill(0);
    const a = clampPicks(state.interpolation, p).a;
    // label: a conditional VAE's label choice (views/conditional.ts) changes what the same codes decode to
    const next = { vae, label: vae.label, dims: dimensionOrder(kl).slice(0, TRAVERSE_ROWS).join(','), center: around === 'image' ? p : null, a: around === 'image' ? a : -1 };
    if (shown && shown.vae === next.vae && shown.label === next.label && shown.dims === next.dims && shown.center === next.center && shown.a === next.a) return;
    shown = next;
    const center = p && around === 'image' ? codeOf(vae, p, a) : new Float32Array(vae.latentDim);
    const canvas = el<HTMLCanvasElement>(id.canvas);
    const dims = drawTraversal(canvas, vae, model.inputShape, kl, center);
    const rowHeight = canvas.height / dims.length;
    el(id.labels).replaceChildren(
      ...dims.map((d) => {
        const label = document.createElement('span');
        label.textContent = `z${d}`;
        label.title = `KL ${kl[d].toFixed(3)} nats`;
        label.style.height = `${rowHeight}px`;
        return label;
      }),
    );
    canvas.dataset.steps = String(TRAVERSE_STEPS);
  },
  listen({ store }) {
    for (const r of radios(id.center)) r.addEventListener('change', () => store.update({ traverseAround: r.value === 'origin' ? 'origin' : 'image' }));
  },
};
