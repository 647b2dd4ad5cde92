// A flow posterior's section (planar or IAF; hidden otherwise): the chosen image's posterior samples in two chosen
// dimensions before and after the flow, on shared axes with q_0's ellipses, a table of their moments, and the
// Monte Carlo KL of that image. Recomputed for a new decoder, image, pair of dimensions or seed.
import { flow as section } from '../../protocol/panel';
import { flowKind } from '../../shared/types';
import { el } from '../dom';
import { drawCloud, flowBounds } from '../flowChart';
import { flowSamples, type Cloud } from '../flowSamples';
import { drawGrid } from '../imageGrid';
import { pickableOf } from '../interpolate';
import { l10n } from '../l10n';
import { dimensionOrder } from '../traverse';
import { cell, fillTable } from './a11y';
import type { PageState } from '../state';
import type { View } from './view';

const id = section.ids;
/** Posterior samples per image: enough for a 2-D density, a few ms of plain JS for a small flow. */
export const FLOW_SAMPLES = 500;
let seed = 1;
/** What is drawn, so an epoch or an unrelated change draws nothing again. */
let shown: { vae: unknown; key: string } | null = null;
/** The last state rendered: the controls redraw from it. */
let latest: Readonly<PageState> | null = null;

function fillOptions(select: HTMLSelectElement, labels: string[], chosen: number): void {
  if (select.options.length !== labels.length) select.replaceChildren(...labels.map((t, i) => new Option(t, String(i))));
  select.value = String(chosen);
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function row(name: string, c: Cloud): string[] {
  const r = c.cov.xy / Math.sqrt(c.cov.xx * c.cov.yy);
  return [name, cell(c.mx, 3), cell(c.my, 3), cell(Math.sqrt(c.cov.xx), 3), cell(Math.sqrt(c.cov.yy), 3), cell(r, 3), pct(c.inside1), pct(c.inside2)];
}

export const flowView: View = {
  uses: ['vae', 'model', 'preview', 'pair', 'epochs'],
  render(state) {
    latest = state;
    const { vae, model } = state;
    const latent = vae?.latent ?? null;
    el(id.section).hidden = !model || flowKind(model) === 'none';
    if (!vae || !model || !latent?.hasFlow) return;
    const p = pickableOf(state.preview, state.pair);
    if (!p) return;
    const d = vae.latentDim;
    const imageSelect = el<HTMLSelectElement>(id.image);
    const image = Math.min(Number(imageSelect.value) || 0, p.count - 1);
    fillOptions(imageSelect, Array.from({ length: p.count }, (_, i) => l10n.t('image {0}', i + 1)), image);
    // the two dimensions the model uses most (largest KL) until the user picks others
    const last = state.epochs.at(-1);
    const top = dimensionOrder(last?.validation?.klPerDim ?? last?.train.klPerDim ?? new Array<number>(d).fill(0));
    const dims = Array.from({ length: d }, (_, i) => `z${i}`);
    const xSelect = el<HTMLSelectElement>(id.dimX);
    const ySelect = el<HTMLSelectElement>(id.dimY);
    const fresh = xSelect.options.length !== d;
    const dx = fresh ? top[0] : Number(xSelect.value);
    const dy = fresh ? (top[1] ?? top[0]) : Number(ySelect.value);
    fillOptions(xSelect, dims, dx);
    fillOptions(ySelect, dims, dy);
    const key = [image, dx, dy, seed].join(':');
    if (shown?.vae === vae && shown.key === key) return;
    shown = { vae, key };
    const per = p.width * p.height * p.channels;
    const pixels = p.originals.subarray(image * per, (image + 1) * per);
    drawGrid(el<HTMLCanvasElement>(id.thumb), pixels, 1, p.height, p.width, p.channels, 1);
    const s = flowSamples(latent, Float32Array.from(pixels, (v) => v / 255), dx, dy, FLOW_SAMPLES, seed);
    const bounds = flowBounds(s);
    drawCloud(el<HTMLCanvasElement>(id.before), s.before, s, bounds, false, null);
    drawCloud(el<HTMLCanvasElement>(id.after), s.after, s, bounds, true, s.meanCode);
    const steps = model.flowSteps ?? 0;
    el(id.note).textContent = flowKind(model) === 'iaf'
      ? l10n.t('(IAF, {0} steps: an inverse autoregressive flow on the encoder’s Gaussian)', steps)
      : l10n.t('({0} planar steps on the encoder’s Gaussian, their parameters from the encoder)', steps);
    fillTable(
      el<HTMLTableElement>(id.table),
      l10n.t('{0} posterior samples of image {1} in z{2} (horizontal) and z{3} (vertical)', FLOW_SAMPLES, image + 1, dx, dy),
      [l10n.t('samples'), l10n.t('mean x'), l10n.t('mean y'), l10n.t('sd x'), l10n.t('sd y'), l10n.t('correlation'), l10n.t('inside q_0’s 1σ ellipse'), l10n.t('inside q_0’s 2σ ellipse')],
      [row(l10n.t('before: z_0'), s.before), row(l10n.t('after: z_K = f(z_0)'), s.after)],
    );
    el(id.kl).textContent = l10n.t('KL(q(z|x) ‖ p(z)) of this image by Monte Carlo over these {0} samples: {1} ± {2} nats (standard error).', FLOW_SAMPLES, s.kl.mean.toFixed(2), s.kl.se.toFixed(2));
  },
  listen() {
    const redraw = () => {
      if (latest) flowView.render(latest, new Set());
    };
    for (const sid of [id.image, id.dimX, id.dimY]) el(sid).addEventListener('change', redraw);
    el(id.reroll).addEventListener('click', () => {
      seed++;
      redraw();
    });
  },
};
