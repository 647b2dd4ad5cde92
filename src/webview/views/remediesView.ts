// The collapse verdict line and the remedy buttons of the diagnostics section, for the model the panel shows: the
// verdict and its measure from shared/collapse.ts (what `eval --json` reports as `collapse`), the buttons that
// protocol/remedies.ts's applyRemedy offers for this model, and one line naming the ones left out and why.
import { diagnostics as section } from '../../protocol/panel';
import { applyRemedy, REMEDY_NAMES, type RemedyRefusal } from '../../protocol/remedies';
import type { ModelSummary } from '../../protocol/webview';
import { collapseReference, modelCollapseVerdict, type CollapseKind } from '../../shared/collapse';
import type { ModelConfig } from '../../shared/types';
import { el } from '../dom';
import { klVerdict, renderKlBars } from '../klBars';
import { l10n } from '../l10n';

const id = section.ids;

function refusalText(r: RemedyRefusal): string {
  switch (r) {
    case 'noGaussianPosterior':
      return l10n.t('a VQ-VAE has no Gaussian KL term for a remedy to act on; its own failure, unused codes, is in the Codebook section');
    case 'imported':
      return l10n.t('an imported model was not trained here, so there is no run to repeat with a change');
    case 'cyclicalSchedule':
      return l10n.t('the cyclical schedule already raises β from 0 at the start of every cycle');
    case 'fixedDecoder':
      return l10n.t('the PixelCNN decoder has a fixed depth; halving the hidden layers would shrink only the encoder');
    case 'allDimensionsActive':
      return l10n.t('every latent dimension is active, so there is none to drop');
    case 'noChange':
      return l10n.t('it would not change this model’s settings');
  }
}

/** The verdict's word, as `eval --json` spells it in English. */
function verdictWord(v: CollapseKind): string {
  switch (v) {
    case 'none':
      return l10n.t('none');
    case 'partial':
      return l10n.t('partial');
    case 'full':
      return l10n.t('full');
  }
}

/**
 * The verdict for `klPerDim` (null: no epoch yet), bars and line; false when the verdict does not apply to this model
 * (a VQ-VAE), after saying so. The element carries the verdict in data-verdict: none, partial, full or not-applicable.
 */
export function showVerdict(summary: ModelSummary | null | undefined, klPerDim: number[] | null): boolean {
  const verdictEl = el(id.verdict);
  const model: Pick<ModelConfig, 'model' | 'prior' | 'flow'> = summary?.model ?? {};
  const v = modelCollapseVerdict(model, klPerDim ?? []);
  if (!v) {
    verdictEl.dataset.verdict = 'not-applicable';
    verdictEl.textContent = l10n.t('Not applicable to a VQ-VAE: q(z|x) picks one code per cell, so its KL to a uniform prior over the K codes is log K per cell for every image; no dimension can collapse. See the Codebook section for the VQ-VAE’s own failure, unused codes.');
    return false;
  }
  if (!klPerDim) {
    delete verdictEl.dataset.verdict;
    verdictEl.textContent = '';
    return true;
  }
  renderKlBars(el(id.bars), klPerDim);
  verdictEl.dataset.verdict = v.verdict;
  const measure =
    v.measure === 'flowBase'
      ? l10n.t('Measured on the flow’s Gaussian base q(z_0|x), before the flow moves it: the flow’s own per-image parameters can still carry a little through a dimension the base leaves at the prior.')
      : collapseReference(model) === 'mixture'
        ? l10n.t('Each dimension’s KL is to the prior’s marginal on it (the learned mixture’s, not N(0, 1)), by Gauss–Hermite quadrature.')
        : '';
  verdictEl.textContent = [l10n.t('Verdict: {0}.', verdictWord(v.verdict)), klVerdict(klPerDim), measure].filter(Boolean).join(' ');
  el(id.remedies).classList.toggle('urgent', v.verdict !== 'none');
  return true;
}

/** Shows the remedies that apply to the model, hides the rest and names them with the reason in one line. */
export function showRemedies(summary: ModelSummary | null | undefined, activeUnits: number | null): void {
  const refused: string[] = [];
  let offered = 0;
  for (const b of el(id.remedies).querySelectorAll<HTMLButtonElement>('button[data-remedy]')) {
    const name = REMEDY_NAMES.find((r) => r === b.dataset.remedy);
    const outcome = summary && name ? applyRemedy({ model: summary.model, training: summary.training, activeUnits }, name) : null;
    const refusal = outcome && 'refused' in outcome ? outcome.refused : null;
    b.hidden = refusal !== null;
    if (refusal) refused.push(l10n.t('{0}: {1}', b.textContent ?? '', refusalText(refusal)));
    else offered++;
  }
  // (.controls sets display, which would override the hidden attribute)
  el(id.remedies).style.display = offered ? '' : 'none';
  const note = el(id.remediesNote);
  note.hidden = refused.length === 0;
  note.textContent = refused.length ? l10n.t('Remedies not offered for this model — {0}.', refused.join('; ')) : '';
}
