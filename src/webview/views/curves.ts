// Loss curves: redrawn when an epoch arrives or the theme changes. An imported model was trained elsewhere: no
// epochs will ever come, so the section says where it came from instead of drawing empty axes.
import { curves as section } from '../../protocol/panel';
import { el } from '../dom';
import { l10n } from '../l10n';
import { drawLossChart } from '../lossChart';
import { cell, fillTable } from './a11y';
import { noHistoryNote } from './noHistory';
import type { View } from './view';

const id = section.ids;

export const curvesView: View = {
  uses: ['epochs', 'summary', 'theme'],
  render({ epochs, summary }) {
    const note = noHistoryNote(summary, epochs, l10n.t('its loss curves'));
    el(id.note).hidden = !note;
    el(id.note).textContent = note;
    // (style, not the hidden attribute: .legend sets display, which would override it)
    for (const e of [id.canvas, id.legend, id.tableBox]) el(e).style.display = note ? 'none' : '';
    if (note) return;
    drawLossChart(el<HTMLCanvasElement>(id.canvas), el(id.legend), epochs);
    // the chart's text alternative: the same numbers, one row per epoch
    fillTable(
      el<HTMLTableElement>(id.table),
      l10n.t('Loss per epoch, nats per image'),
      [l10n.t('epoch'), l10n.t('−ELBO train'), l10n.t('−ELBO validation'), l10n.t('reconstruction'), 'KL'],
      epochs.map((e) => [String(e.epoch), cell(e.train.negElbo), cell(e.validation?.negElbo), cell(e.train.recon), cell(e.train.kl)]),
    );
  },
};
