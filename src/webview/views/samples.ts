// Samples decoded in the page, from the prior and from the aggregate posterior (the mixture the job process fitted
// to the dataset's μ), side by side: redrawn for a new decoder, new settings or a new mixture, never for an epoch.
import { samples as section } from '../../protocol/panel';
import type { LatentStats } from '../../protocol/latentStats';
import type { Preview } from '../../protocol/preview';
import { sharpnessOfBytes } from '../../shared/sharpness';
import type { MixtureComponents } from '../../shared/mixtureSample';
import { priorKind, type ModelConfig } from '../../shared/types';
import { el } from '../dom';
import { l10n } from '../l10n';
import { SAMPLE_COUNT, drawMixtureSamples, drawSamples } from '../samples';
import type { PageVae } from '../pageVae';
import { bitsPerCell } from '../../shared/codePrior';
import type { CodePriorFit } from '../../shared/types';
import { exportSheet } from './exportSheet';
import type { View } from './view';

const id = section.ids;
/** The pixels last drawn, for Export PNG…. */
let drawn: Uint8Array | null = null;

export const samplesView: View = {
  uses: ['vae', 'model', 'summary', 'samples', 'decoderProblem', 'latentStats', 'preview'],
  render({ vae, model, summary, samples: s, decoderProblem, latentStats, preview }, changed) {
    el<HTMLInputElement>(id.temperature).value = String(s.temperature);
    el(id.temperatureValue).textContent = s.temperature.toFixed(1);
    if (decoderProblem) el(id.note).textContent = l10n.t('(cannot decode in this page: {0})', decoderProblem);
    el(id.aggregateNote).textContent = mixtureNote(latentStats);
    if (!vae || !model) return;
    if (changed.has('vae') || changed.has('model') || changed.has('samples')) {
      const { pixels, ms } = drawSamples(el<HTMLCanvasElement>(id.canvas), vae, model.inputShape, s);
      drawn = pixels;
      el(id.note).textContent = vae.codebook ? vqSamplesNote(vae, summary?.codePrior, s.temperature, ms) : l10n.t('(decoded in this page with tfjs-{0}, {1} ms)', vae.backend, ms.toFixed(1));
    }
    if (drawn && (changed.has('vae') || changed.has('model') || changed.has('samples') || changed.has('preview'))) el(id.sharpness).textContent = sharpnessNote(drawn, model.inputShape, preview);
    if (changed.has('vae')) el(id.priorCaption).textContent = !vae.codebook ? priorCaption(vae.latent?.priorMixture() ?? null, model) : vae.codePrior ? l10n.t('autoregressive prior over code grids') : l10n.t('uniform prior over codes');
    const agg = el<HTMLCanvasElement>(id.aggregate);
    const fits = latentStats && latentStats.mixture.means[0].length === vae.latentDim;
    agg.hidden = !fits;
    if (fits && (changed.has('vae') || changed.has('model') || changed.has('samples') || changed.has('latentStats'))) drawMixtureSamples(agg, vae, model.inputShape, latentStats.mixture, s);
  },
  listen({ store, send }) {
    el(id.temperature).addEventListener('input', () => {
      store.update({ samples: { ...store.get().samples, temperature: Number(el<HTMLInputElement>(id.temperature).value) } });
    });
    el(id.reroll).addEventListener('click', () => {
      const s = store.get().samples;
      store.update({ samples: { ...s, seed: s.seed + 1 } });
    });
    el(id.export).addEventListener('click', () => exportSheet(send, store.get().model, 'samples', drawn, SAMPLE_COUNT, 8));
    // a new mixture size is fitted by the job process on the μ's it already has; the old samples stay until it arrives
    el(id.components).addEventListener('change', () => {
      el(id.aggregateNote).textContent = l10n.t('(fitting…)');
      send({ type: 'requestLatentStats', components: Number(el<HTMLSelectElement>(id.components).value) });
    });
  },
};

/** The drawn samples' sharpness beside the previewed data images' (the blurriness a VAE-GAN is for). */
function sharpnessNote(pixels: Uint8Array, [h, w, c]: [number, number, number], preview: Preview | null): string {
  const samples = sharpnessOfBytes(pixels, SAMPLE_COUNT, h, w, c).toFixed(4);
  if (!preview || preview.height !== h || preview.width !== w || preview.channels !== c) return l10n.t('Sharpness (variance of the Laplacian, higher is sharper) of these {0} prior samples: {1}.', SAMPLE_COUNT, samples);
  const data = sharpnessOfBytes(preview.originals, preview.count, h, w, c).toFixed(4);
  return l10n.t('Sharpness (variance of the Laplacian, higher is sharper): these {0} prior samples {1}; the {2} dataset images under Reconstructions {3}.', SAMPLE_COUNT, samples, preview.count, data);
}

/** Which prior a VQ-VAE's samples come from, and how well the autoregressive one fits (held-out −log p(c) per grid). */
function vqSamplesNote(vae: PageVae, fit: CodePriorFit | undefined, temperature: number, ms: number): string {
  const cb = vae.codebook!;
  const prior = vae.codePrior;
  if (!prior) {
    return l10n.t('(VQ-VAE: every cell of the code grid drawn from a uniform prior over the {0} codes, independently, then decoded in this page, {1} ms; temperature does not apply)', cb.size, ms.toFixed(1));
  }
  const cells = prior.cells;
  const figures = fit
    ? l10n.t('−log p(c) on {0} {1} grids: {2} nats per grid ({3} bits per cell), against {4} for the codes’ frequencies and {5} for the uniform prior',
        fit.testGrids, fit.testSplit === 'validation' ? l10n.t('held-out') : l10n.t('training (no validation split)'), fit.arNll.toFixed(1), bitsPerCell(fit.arNll, cells).toFixed(2), fit.unigramNll.toFixed(1), fit.uniformNll.toFixed(1))
    : l10n.t('its fit is not recorded');
  return l10n.t('(VQ-VAE: code grids drawn cell by cell, in raster order, from the autoregressive prior (MADE, {0} hidden units) fitted to the training set’s code grids at temperature {1}; {2}; decoded in this page, {3} ms)', prior.hidden, temperature.toFixed(1), figures, ms.toFixed(1));
}

/** Which prior the left grid samples: the model's own (its MoG or VampPrior), else N(0, I). */
function priorCaption(mixture: MixtureComponents | null, model: ModelConfig): string {
  if (mixture && priorKind(model) === 'vamp') return l10n.t('prior: the VampPrior, 1/K Σ_k q(z|u_k) over its K = {0} pseudo-inputs (z_k ∼ its component, then decoded)', mixture.k);
  if (mixture) return l10n.t('prior: the learned mixture of K = {0} Gaussians (a component drawn by its weight π_k, then z from it)', mixture.k);
  return l10n.t('prior z ∼ N(0, I)');
}

function mixtureNote(stats: LatentStats | null): string {
  if (!stats) return l10n.t('(waiting for the codes of the model’s dataset…)');
  const k = stats.mixture.weights.length;
  const how = stats.chosenBy === 'bic' ? l10n.t('K = {0} chosen by BIC', k) : l10n.t('K = {0}', k);
  return l10n.t('({0}, fitted by EM to the μ of {1} images; mean log-likelihood {2} nats)', how, stats.count, stats.logLikelihood.toFixed(1));
}
