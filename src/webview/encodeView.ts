// Encode Image in the panel: the input, its reconstruction from μ, and an edited image decoded live from a code
// the user moves with one slider per dimension (starting at μ). Each row shows q(z_d|x) = N(μ_d, σ_d²) against
// the prior N(0, 1) and the dimension's KL.
import type { Encoding } from '../protocol/encoding';
import { drawGrid } from './imageGrid';
import { l10n } from './l10n';
import type { PageVae } from './pageVae';

const RANGE = 4;

/** KL(N(μ,σ²) || N(0,1)) = ½(μ² + σ² − 1 − log σ²) for one dimension, from log σ². */
export function klOfDim(mu: number, logvar: number): number {
  return 0.5 * (mu * mu + Math.exp(logvar) - 1 - logvar);
}

function band(lo: number, hi: number, cls: string): HTMLSpanElement {
  const b = document.createElement('span');
  b.className = cls;
  const clamp = (v: number) => Math.max(-RANGE, Math.min(RANGE, v));
  b.style.left = `${((clamp(lo) + RANGE) / (2 * RANGE)) * 100}%`;
  b.style.width = `${((clamp(hi) - clamp(lo)) / (2 * RANGE)) * 100}%`;
  return b;
}

/** One row per dimension; `onEdit(d, value)` fires as a slider moves. */
export function renderEncodeRows(container: HTMLElement, e: Encoding, code: number[], sliderPrefix: string, onEdit: (d: number, v: number) => void): void {
  container.replaceChildren(
    ...e.mu.map((mu, d) => {
      const sigma = Math.exp(e.logvar[d] / 2);
      const row = document.createElement('div');
      row.className = 'enc-row';
      const label = document.createElement('label');
      label.textContent = `z${d}`;
      label.htmlFor = `${sliderPrefix}${d}`;
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.id = `${sliderPrefix}${d}`;
      slider.min = String(-RANGE);
      slider.max = String(RANGE);
      slider.step = '0.05';
      slider.value = String(code[d]);
      slider.addEventListener('input', () => onEdit(d, Number(slider.value)));
      const dist = document.createElement('span');
      dist.className = 'enc-dist';
      dist.title = l10n.t('posterior N({0}, {1}²) against the prior N(0, 1)', mu.toFixed(2), sigma.toFixed(2));
      dist.append(band(-1, 1, 'prior'), band(mu - sigma, mu + sigma, 'posterior'));
      const text = document.createElement('span');
      text.className = 'enc-text';
      text.textContent = `μ ${mu.toFixed(2)}  σ ${sigma.toFixed(2)}  KL ${klOfDim(mu, e.logvar[d]).toFixed(2)}`;
      row.append(label, slider, dist, text);
      return row;
    }),
  );
}

export function drawEncodedImages(e: Encoding, edited: Uint8Array | null, to: { original: HTMLCanvasElement; recon: HTMLCanvasElement; edited: HTMLCanvasElement }): void {
  const draw = (canvas: HTMLCanvasElement, px: ArrayLike<number>) => drawGrid(canvas, px, 1, e.height, e.width, e.channels, 1);
  draw(to.original, e.pixels);
  draw(to.recon, e.reconstruction);
  if (edited) draw(to.edited, edited);
}

export function decodeCode(vae: PageVae, code: number[]): Uint8Array {
  return vae.decode(Float32Array.from(code), 1);
}
