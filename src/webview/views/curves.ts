// Loss curves: redrawn when an epoch arrives or the theme changes.
import { curves as section } from '../../protocol/panel';
import { el } from '../dom';
import { l10n } from '../l10n';
import { drawLossChart } from '../lossChart';
import { cell, fillTable } from './a11y';
import type { View } from './view';

export const curvesView: View = {
  uses: ['epochs', 'theme'],
  render({ epochs }) {
    drawLossChart(el<HTMLCanvasElement>(section.ids.canvas), el(section.ids.legend), epochs);
    // the chart's text alternative: the same numbers, one row per epoch
    fillTable(
      el<HTMLTableElement>(section.ids.table),
      l10n.t('Loss per epoch, nats per image'),
      [l10n.t('epoch'), l10n.t('−ELBO train'), l10n.t('−ELBO validation'), l10n.t('reconstruction'), 'KL'],
      epochs.map((e) => [String(e.epoch), cell(e.train.negElbo), cell(e.validation?.negElbo), cell(e.train.recon), cell(e.train.kl)]),
    );
  },
};
