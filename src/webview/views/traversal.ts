// Latent traversals. An epoch changes the KL per dimension, but the grid is decoded again only when what it
// shows changes: the decoder, the rows (the dimensions in KL order), the centre (image A, or the origin) or the range.
import { traversal as section } from '../../protocol/panel';
import { linspace, traverseBounds, type TraverseRange } from '../../shared/traversalRange';
import { el, radios } from '../dom';
import { clampPicks, codeOf, pickableOf, type Pickable } from '../interpolate';
import { l10n } from '../l10n';
import type { PageVae } from '../pageVae';
import { TRAVERSE_ROWS, TRAVERSE_STEPS, dimensionOrder, drawTraversal } from '../traverse';
import { klPerDimOf } from './noHistory';
import type { View } from './view';
import { noPageDecoderReason } from '../noPageDecoder';

const id = section.ids;
let shown: { vae: PageVae; label: number; dims: string; center: Pickable | null; a: number; range: string } | null = null;

/** The select's value for a range, and back. */
const rangeValue = (r: TraverseRange) => (r.kind === 'sigma' ? `sigma:${r.k}` : r.kind === 'quantile' ? `quantile:${r.p}` : 'data');
function rangeOf(value: string): TraverseRange {
  const [kind, x] = value.split(':');
  if (kind === 'sigma') return { kind, k: Number(x) };
  if (kind === 'quantile') return { kind, p: Number(x) };
  return { kind: 'data' };
}

export const traversalView: View = {
  uses: ['vae', 'model', 'preview', 'pair', 'interpolation', 'traverseAround', 'traverseRange', 'latentStats', 'epochs', 'summary'],
  render(state) {
    const around = state.traverseAround;
    for (const r of radios(id.center)) r.checked = r.value === around;
    const stats = state.latentStats;
    const select = el<HTMLSelectElement>(id.range);
    const dataOption = select.querySelector<HTMLOptionElement>('option[value=data]');
    if (dataOption) dataOption.disabled = !stats;
    // the data's range until its μ's arrive: the prior's ±3σ
    const range: TraverseRange = state.traverseRange.kind === 'data' && !stats ? { kind: 'sigma', k: 3 } : state.traverseRange;
    select.value = rangeValue(state.traverseRange);
    el(id.rangeNote).textContent = rangeNote(range, state.traverseRange, stats?.count ?? 0);
    const { vae, model } = state;
    const p = pickableOf(state.preview, state.pair);
    // a VQ-VAE's latent is a grid of discrete codes: moving one coordinate by σ has no meaning (the Codebook section edits codes instead)
    el(id.note).textContent = vae?.codebook ? l10n.t('Not applicable to a VQ-VAE: its latent is a grid of discrete codes with no σ to step along. Swap codes in the Codebook section’s code grid instead.') : noPageDecoderReason(model);
    if (vae?.codebook) {
      const canvas = el<HTMLCanvasElement>(id.canvas);
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      el(id.labels).replaceChildren();
      shown = null;
      return;
    }
    if (!vae || !model || (around === 'image' && !p)) return;
    // an imported model has no epochs: its KL per dimension measured at import orders the rows
    const known = klPerDimOf(state.summary, state.epochs);
    const kl = known && known.length === vae.latentDim ? known : new Array<number>(vae.latentDim).fill(0);
    const a = clampPicks(state.interpolation, p).a;
    const dims = dimensionOrder(kl).slice(0, TRAVERSE_ROWS);
    const rangeKey = range.kind === 'data' ? `data:${stats?.muMin.join(',')}:${stats?.muMax.join(',')}` : rangeValue(range);
    // label: a conditional VAE's label choice (views/conditional.ts) changes what the same codes decode to
    const next = { vae, label: vae.label, dims: dims.join(','), center: around === 'image' ? p : null, a: around === 'image' ? a : -1, range: rangeKey };
    if (shown && shown.vae === next.vae && shown.label === next.label && shown.dims === next.dims && shown.center === next.center && shown.a === next.a && shown.range === next.range) return;
    shown = next;
    const center = p && around === 'image' ? codeOf(vae, p, a) : new Float32Array(vae.latentDim);
    const canvas = el<HTMLCanvasElement>(id.canvas);
    const valuesOf = (dim: number) => {
      const [lo, hi] = traverseBounds(range, dim, stats) ?? [-3, 3];
      return linspace(lo, hi, TRAVERSE_STEPS);
    };
    drawTraversal(canvas, vae, model.inputShape, dims, valuesOf, center);
    const rowHeight = canvas.height / dims.length;
    el(id.labels).replaceChildren(
      ...dims.map((d) => {
        const label = document.createElement('span');
        const values = valuesOf(d);
        label.textContent = `z${d}`;
        label.title = `KL ${kl[d].toFixed(3)} nats, ${values[0].toFixed(2)} … ${values[values.length - 1].toFixed(2)}`;
        label.style.height = `${rowHeight}px`;
        return label;
      }),
    );
    canvas.dataset.steps = String(TRAVERSE_STEPS);
  },
  listen({ store }) {
    for (const r of radios(id.center)) r.addEventListener('change', () => store.update({ traverseAround: r.value === 'origin' ? 'origin' : 'image' }));
    el(id.range).addEventListener('change', () => store.update({ traverseRange: rangeOf(el<HTMLSelectElement>(id.range).value) }));
  },
};

function rangeNote(range: TraverseRange, asked: TraverseRange, images: number): string {
  const values = l10n.t('The traversed dimension takes {0} values, the others keep the centre’s code (as in disentanglement_lib).', TRAVERSE_STEPS);
  if (asked.kind === 'data' && range.kind !== 'data') return l10n.t('Waiting for the μ of the dataset; showing the prior’s ±3σ meanwhile.');
  if (range.kind === 'sigma') return `${l10n.t('From −{0} to +{0}: ±{0}σ of the prior N(0, 1).', range.k)} ${values}`;
  if (range.kind === 'quantile') return `${l10n.t('From Φ⁻¹({0}) to Φ⁻¹({1}): the central {2} % of the prior N(0, 1).', range.p, 1 - range.p, Math.round((1 - 2 * range.p) * 1000) / 10)} ${values}`;
  return `${l10n.t('From the smallest to the largest μ of each dimension over {0} images of the dataset.', images)} ${values}`;
}
