// KL diagnostics: bars per dimension with the collapse verdict, the remedies, KL over epochs and the β schedule.
// The verdict is shared/collapse.ts's modelCollapseVerdict, the one `eval --json` reports; the remedy buttons are the
// ones protocol/remedies.ts's applyRemedy offers for this model, the rule the host follows when it retrains.
import { diagnostics as section } from '../../protocol/panel';
import { isRemedyName } from '../../protocol/webview';
import { el } from '../dom';
import { drawKlHeatmap } from '../klHeatmap';
import { drawSparkline } from '../sparkline';
import { cell, fillTable } from './a11y';
import { showRemedies, showVerdict } from './remediesView';
import type { View } from './view';
import { l10n } from '../l10n';
import type { PageState } from '../state';
import { noHistoryNote } from './noHistory';

const id = section.ids;

/** An imported model: KL per dimension from the manifest's evaluation (measured at import on the data), no epochs. */
function renderImported(summary: NonNullable<PageState['summary']>): void {
  const e = summary.evaluation;
  const d = summary.model.latentDim;
  if (!e || e.klPerDim.length !== d) {
    for (const x of [id.bars, id.table]) el(x).replaceChildren();
    el(id.active).textContent = '';
    delete el(id.verdict).dataset.verdict;
    // imported before the import measured it, or its evaluation was unreadable: Evaluate Model measures it again
    el(id.verdict).textContent =
      summary.dataset.count > 0
        ? l10n.t('Not measured yet: Evaluate Model measures KL per dimension on the model’s data.')
        : l10n.t('Not measured: this model was imported without data. Import it again with a dataset (--data) to see its KL per dimension.');
    return;
  }
  // the evaluation's verdict is the one `eval --json` printed when it wrote it
  showVerdict(summary, e.klPerDim);
  const where = e.iwaeK === null ? l10n.t('measured on {0} images at import', e.nImages) : l10n.t('measured on {0} images by Evaluate Model', e.nImages);
  el(id.active).textContent = l10n.t('({0}; active units {1}/{2})', where, e.activeUnits, d);
  // the bars' text alternative: one row per dimension
  fillTable(el<HTMLTableElement>(id.table), l10n.t('KL per dimension (nats)'), [l10n.t('dimension'), 'KL'], e.klPerDim.map((v, k) => [`z${k}`, cell(v, 3)]));
}

export const diagnosticsView: View = {
  uses: ['epochs', 'summary', 'theme'],
  render({ epochs, summary }) {
    const last = epochs.at(-1);
    const split = last?.validation ?? last?.train;
    showRemedies(summary, split?.activeUnits ?? null);
    const history = noHistoryNote(summary, epochs, l10n.t('its KL per dimension over epochs and β schedule'));
    el(id.historyNote).hidden = !history;
    el(id.historyNote).textContent = history;
    el(id.history).hidden = Boolean(history);
    if (!split && summary?.imported && summary.model.model !== 'vqvae') return renderImported(summary);
    // a VQ-VAE has no Gaussian posterior: its "KL" is log K per cell for every image, nothing to diagnose per dimension
    if (!showVerdict(summary, split?.klPerDim ?? null) || !split) {
      for (const e of [id.bars, id.table]) el(e).replaceChildren();
      el(id.active).textContent = '';
      return;
    }
    drawKlHeatmap(el<HTMLCanvasElement>(id.heatmap), epochs);
    const betas = epochs.map((e) => e.beta);
    const target = summary?.training.beta ?? Math.max(...betas);
    drawSparkline(el<HTMLCanvasElement>(id.beta), betas, [0, Math.max(target, ...betas) || 1]);
    const t = summary?.training;
    const warm = t?.warmupEpochs ?? 0;
    // the average of each epoch's per-step β: a cyclical schedule shows as a saw-tooth of M teeth over the run
    const schedule = t?.klSchedule === 'cyclical' ? l10n.t(', cyclical: {0} cycles, each rising over its first {1}', String(t.klCycles), String(t.klRatio)) : warm ? l10n.t(', linear warm-up over {0} epochs', warm) : l10n.t(', no warm-up');
    el(id.betaNote).textContent = l10n.t('(target β = {0}{1}; per-epoch average of the per-step β, latest {2})', target, schedule, String(betas.at(-1)?.toFixed(3)));
    el(id.active).textContent = l10n.t('({0}; active units {1}/{2})', last?.validation ? l10n.t('validation') : l10n.t('train'), split.activeUnits, split.klPerDim.length);
    // the heatmap's and the β schedule's text alternative: a column per epoch, β then a row per dimension
    fillTable(
      el<HTMLTableElement>(id.table),
      l10n.t('KL weight β and KL per dimension (nats) per epoch'),
      [l10n.t('per epoch'), ...epochs.map((e) => l10n.t('epoch {0}', e.epoch))],
      [['β', ...betas.map((b) => cell(b, 3))], ...split.klPerDim.map((_, d) => [`z${d}`, ...epochs.map((e) => cell((e.validation ?? e.train).klPerDim[d], 3))])],
    );
  },
  listen({ send }) {
    for (const b of el(id.remedies).querySelectorAll<HTMLButtonElement>('button[data-remedy]')) {
      b.addEventListener('click', () => {
        const remedy = b.dataset.remedy;
        if (isRemedyName(remedy)) send({ type: 'retrain', remedy });
      });
    }
  },
};
