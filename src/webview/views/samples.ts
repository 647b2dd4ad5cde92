// Samples from the prior, decoded in the page: redrawn for a new decoder or new settings, never for an epoch.
import { samples as section } from '../../protocol/panel';
import { el } from '../dom';
import { l10n } from '../l10n';
import { SAMPLE_COUNT, drawSamples } from '../samples';
import { exportSheet } from './exportSheet';
import type { View } from './view';

const id = section.ids;
/** The pixels last drawn, for Export PNG…. */
let drawn: Uint8Array | null = null;

export const samplesView: View = {
  uses: ['vae', 'model', 'samples', 'decoderProblem'],
  render({ vae, model, samples: s, decoderProblem }, changed) {
    el<HTMLInputElement>(id.temperature).value = String(s.temperature);
    el(id.temperatureValue).textContent = s.temperature.toFixed(1);
    if (decoderProblem) el(id.note).textContent = l10n.t('(cannot decode in this page: {0})', decoderProblem);
    if (!vae || !model || !(changed.has('vae') || changed.has('model') || changed.has('samples'))) return;
    const { pixels, ms } = drawSamples(el<HTMLCanvasElement>(id.canvas), vae, model.inputShape, s);
    drawn = pixels;
    el(id.note).textContent = vae.codebook
      ? l10n.t('(VQ-VAE: every cell of the code grid drawn from a uniform prior over the {0} codes, independently, then decoded in this page, {1} ms; temperature does not apply)', vae.codebook.size, ms.toFixed(1))
      : l10n.t('(decoded in this page with tfjs-{0}, {1} ms)', vae.backend, ms.toFixed(1));
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
  },
};
