// Interpolation between two images' codes μ(a) → μ(b), linear or spherical, decoded in the page.
import { lerp, slerp } from '../shared/interpolate';
import type { Preview } from '../protocol/preview';
import type { InterpolatePair } from '../protocol/webview';
import { drawGrid } from './imageGrid';
import { l10n } from './l10n';
import type { PageVae } from './pageVae';

/** The images the picker offers (an Explorer pair, then the preview's inputs), uint8 N·H·W·C. */
export interface Pickable {
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  originals: Uint8Array;
}

let lastPickable: { preview: Preview | null; pair: InterpolatePair | null; result: Pickable | null } | null = null;

/** The pair first, then the preview's inputs; the same object for the same inputs (views compare by identity). */
export function pickableOf(preview: Preview | null, pair: InterpolatePair | null): Pickable | null {
  if (lastPickable && lastPickable.preview === preview && lastPickable.pair === pair) return lastPickable.result;
  let result: Pickable | null = preview;
  if (pair) {
    const originals = new Uint8Array(pair.pixels.length + (preview?.originals.length ?? 0));
    originals.set(pair.pixels);
    if (preview) originals.set(preview.originals, pair.pixels.length);
    result = { height: pair.height, width: pair.width, channels: pair.channels, count: 2 + (preview?.count ?? 0), originals };
  }
  lastPickable = { preview, pair, result };
  return result;
}

/** The settings with A and B inside the images on offer. */
export function clampPicks(s: InterpolateSettings, p: Pickable | null): InterpolateSettings {
  const n = p?.count ?? 2;
  return { ...s, a: Math.min(s.a, n - 1), b: Math.min(s.b, n - 1) };
}

export interface InterpolateSettings {
  a: number;
  b: number;
  mode: 'linear' | 'spherical';
  steps: number;
}

export const DEFAULT_INTERPOLATION: InterpolateSettings = { a: 0, b: 1, mode: 'spherical', steps: 8 };

/** The code of preview image i the decoder reads: μ, or f(μ) for a flow model (as the CLI's reconstructions). */
export function codeOf(vae: PageVae, p: Pickable, i: number): Float32Array {
  const per = p.width * p.height * p.channels;
  return vae.encodeMean(p.originals.subarray(i * per, (i + 1) * per), 1);
}

/** The codes along the path, t = 0 … 1 in `steps` even steps. */
export function pathCodes(za: Float32Array, zb: Float32Array, s: InterpolateSettings): Float32Array {
  const d = za.length;
  const codes = new Float32Array(s.steps * d);
  const f = s.mode === 'linear' ? lerp : slerp;
  for (let k = 0; k < s.steps; k++) codes.set(f(za, zb, s.steps === 1 ? 0 : k / (s.steps - 1)), k * d);
  return codes;
}

/** Decodes and draws the path; returns its pixels (steps images). */
export function drawInterpolation(canvas: HTMLCanvasElement, vae: PageVae, p: Pickable, s: InterpolateSettings): Uint8Array {
  const codes = pathCodes(codeOf(vae, p, s.a), codeOf(vae, p, s.b), s);
  const pixels = vae.decode(codes, s.steps);
  drawGrid(canvas, pixels, s.steps, p.height, p.width, p.channels, s.steps);
  return pixels;
}

/** Clickable thumbnails of the preview inputs; a click picks A, the next B, and so on. */
export function renderPicker(container: HTMLElement, p: Pickable, s: InterpolateSettings, onPick: (i: number) => void): void {
  const per = p.width * p.height * p.channels;
  container.replaceChildren(
    ...Array.from({ length: p.count }, (_, i) => {
      const button = document.createElement('button');
      button.className = `pick${i === s.a ? ' a' : ''}${i === s.b ? ' b' : ''}`;
      button.title = `${l10n.t('image {0}', i + 1)}${i === s.a ? ' (A)' : ''}${i === s.b ? ' (B)' : ''}`;
      button.setAttribute('aria-pressed', String(i === s.a || i === s.b));
      const c = document.createElement('canvas');
      drawGrid(c, p.originals.subarray(i * per, (i + 1) * per), 1, p.height, p.width, p.channels, 1);
      button.append(c);
      button.addEventListener('click', () => onPick(i));
      return button;
    }),
  );
}
