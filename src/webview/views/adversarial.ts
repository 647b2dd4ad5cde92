// A VAE-GAN's adversarial training: D and G losses and feature matching per epoch (chart + table), and the
// sharpness of its images at the last epoch's end, measured in the job process (models/vaegan/ganSharpness.ts).
import { adversarial as section } from '../../protocol/panel';
import type { EpochMetrics } from '../../shared/types';
import { el } from '../dom';
import { l10n } from '../l10n';
import { drawSeriesChart } from '../lossChart';
import { chartColors } from '../theme';
import { cell, fillTable } from './a11y';
import type { View } from './view';

const id = section.ids;

/** The last epoch's sharpness in words, or null for a model without it (not a VAE-GAN). */
export function ganSharpnessText(epochs: readonly EpochMetrics[]): string | null {
  const last = [...epochs].reverse().find((e) => e.gan?.sharpness);
  const s = last?.gan?.sharpness;
  if (!last || !s) return null;
  return l10n.t(
    'Sharpness (variance of the Laplacian, higher is sharper) after epoch {0}: prior samples {1}, reconstructions {2}, the same {3} training images {4}.',
    last.epoch,
    s.samples.toFixed(4),
    s.reconstructions.toFixed(4),
    s.nImages,
    s.data.toFixed(4),
  );
}

export const adversarialView: View = {
  uses: ['summary', 'epochs', 'theme'],
  render({ summary, epochs }) {
    const gan = summary?.model.model === 'vaegan';
    el(id.section).hidden = !gan;
    if (!gan) return;
    const withGan = epochs.filter((e) => e.gan);
    const colors = chartColors().series;
    const pick = (f: (g: NonNullable<EpochMetrics['gan']>) => number) => withGan.map((e) => f(e.gan!));
    drawSeriesChart(
      el<HTMLCanvasElement>(id.canvas),
      el(id.legend),
      [
        { label: l10n.t('discriminator'), values: pick((g) => g.discriminator), color: colors[0], dashed: false },
        { label: l10n.t('generator (decoder’s GAN loss)'), values: pick((g) => g.generator), color: colors[1], dashed: false },
        { label: l10n.t('feature matching'), values: pick((g) => g.featureMatching), color: colors[2], dashed: true },
      ],
      withGan.map((e) => String(e.epoch)),
      'epoch',
    );
    el(id.sharpness).textContent = ganSharpnessText(epochs) ?? l10n.t('The sharpness of samples and reconstructions appears after the first epoch.');
    fillTable(
      el<HTMLTableElement>(id.table),
      l10n.t('Adversarial training per epoch'),
      [l10n.t('epoch'), l10n.t('discriminator'), l10n.t('generator'), l10n.t('feature matching'), 'D(x)', 'D(x_p)', l10n.t('sharpness: samples'), l10n.t('reconstructions'), l10n.t('data')],
      withGan.map((e) => {
        const g = e.gan!;
        const s = g.sharpness;
        return [String(e.epoch), cell(g.discriminator), cell(g.generator), cell(g.featureMatching), cell(g.realScore, 3), cell(g.fakeScore, 3), cell(s?.samples, 4), cell(s?.reconstructions, 4), cell(s?.data, 4)];
      }),
    );
  },
};
