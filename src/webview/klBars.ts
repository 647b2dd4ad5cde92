// KL per latent dimension as bars; a dimension under 0.01 nats carries no information (posterior collapse).
import { COLLAPSE_THRESHOLD, collapseVerdict, FULL_COLLAPSE_TOTAL_KL } from '../shared/collapse';
import { l10n } from './l10n';

export function renderKlBars(container: HTMLElement, klPerDim: number[]): void {
  const max = Math.max(COLLAPSE_THRESHOLD, ...klPerDim);
  container.replaceChildren(
    ...klPerDim.map((kl, d) => {
      const row = document.createElement('div');
      const collapsed = kl < COLLAPSE_THRESHOLD;
      row.className = collapsed ? 'klbar collapsed' : 'klbar';
      row.title = `z${d}: KL ${kl.toFixed(4)} nats${collapsed ? ` — ${l10n.t('collapsed onto the prior')}` : ''}`;
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = `z${d}`;
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.width = `${Math.max(0.5, (100 * kl) / max)}%`;
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = collapsed ? l10n.t('{0} collapsed', kl.toFixed(3)) : kl.toFixed(2);
      row.append(label, track, value);
      return row;
    }),
  );
}

/** A plain-language reading of the KL profile: the verdict of shared/collapse.ts, which `eval --json` reports too (views/remediesView.ts adds the model's measure). */
export function klVerdict(klPerDim: number[]): string {
  const { verdict, collapsedDims, usedDims, totalKl } = collapseVerdict(klPerDim);
  const d = klPerDim.length;
  if (verdict === 'none') return l10n.t('All {0} latent dimensions carry information (KL ≥ {1} nats each).', d, COLLAPSE_THRESHOLD);
  if (verdict === 'full' && usedDims === 0) {
    return l10n.t('All {0} dimensions have collapsed onto the prior: the decoder ignores z. Try KL warm-up, a smaller β, or a weaker decoder.', d);
  }
  if (verdict === 'full') {
    return l10n.t(
      'Posterior collapse: all {0} dimensions together carry {1} nats (under {2}), so the decoder all but ignores z. Try KL warm-up, free bits, a smaller β, or a weaker decoder.',
      d,
      totalKl.toFixed(2),
      FULL_COLLAPSE_TOTAL_KL,
    );
  }
  return l10n.t(
    '{0} of {1} dimensions have collapsed onto the prior (KL < {2} nats); the model uses {3}. Unused dimensions are normal when the latent size exceeds what the data needs.',
    collapsedDims.length,
    d,
    COLLAPSE_THRESHOLD,
    usedDims,
  );
}
