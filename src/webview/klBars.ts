// KL per latent dimension as bars; a dimension under 0.01 nats carries no information (posterior collapse).
export const COLLAPSE_THRESHOLD = 0.01;

export function renderKlBars(container: HTMLElement, klPerDim: number[]): void {
  const max = Math.max(COLLAPSE_THRESHOLD, ...klPerDim);
  container.replaceChildren(
    ...klPerDim.map((kl, d) => {
      const row = document.createElement('div');
      const collapsed = kl < COLLAPSE_THRESHOLD;
      row.className = collapsed ? 'klbar collapsed' : 'klbar';
      row.title = `z${d}: KL ${kl.toFixed(4)} nats${collapsed ? ' — collapsed onto the prior' : ''}`;
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
      value.textContent = collapsed ? `${kl.toFixed(3)} collapsed` : kl.toFixed(2);
      row.append(label, track, value);
      return row;
    }),
  );
}

/** A plain-language reading of the KL profile. */
export function klVerdict(klPerDim: number[]): string {
  const collapsed = klPerDim.filter((v) => v < COLLAPSE_THRESHOLD).length;
  const d = klPerDim.length;
  if (collapsed === 0) return `All ${d} latent dimensions carry information (KL ≥ ${COLLAPSE_THRESHOLD} nats each).`;
  if (collapsed === d) return `All ${d} dimensions have collapsed onto the prior: the decoder ignores z. Try KL warm-up, a smaller β, or a weaker decoder.`;
  return `${collapsed} of ${d} dimensions have collapsed onto the prior (KL < ${COLLAPSE_THRESHOLD} nats); the model uses ${d - collapsed}. Unused dimensions are normal when the latent size exceeds what the data needs.`;
}
