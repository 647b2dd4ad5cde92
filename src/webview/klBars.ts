// KL per latent dimension as bars; a dimension under 0.01 nats carries no information (posterior collapse).
import { l10n } from './l10n';

export const COLLAPSE_THRESHOLD = 0.01;

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

/** A plain-language reading of the KL profile. */
export function klVerdict(klPerDim: number[]): string {
  const collapsed = klPerDim.filter((v) => v < COLLAPSE_THRESHOLD).length;
  const d = klPerDim.length;
  if (collapsed === 0) return l10n.t('All {0} latent dimensions carry information (KL ≥ {1} nats each).', d, COLLAPSE_THRESHOLD);
  if (collapsed === d) return l10n.t('All {0} dimensions have collapsed onto the prior: the decoder ignores z. Try KL warm-up, a smaller β, or a weaker decoder.', d);
  return l10n.t(
    '{0} of {1} dimensions have collapsed onto the prior (KL < {2} nats); the model uses {3}. Unused dimensions are normal when the latent size exceeds what the data needs.',
    collapsed,
    d,
    COLLAPSE_THRESHOLD,
    d - collapsed,
  );
}
