// The latent map: μ(x) of the dataset projected to its two principal directions, one dot per image coloured by
// label. Hovering shows the image under the pointer; clicking decodes the code at that point of the plane.
import type { LatentMap } from '../protocol/latentMap';
import { chartColors } from './theme';
import { l10n } from './l10n';

const PAD = 16;

export interface MapView {
  toPlane(px: number, py: number): [number, number];
  toCanvas(x: number, y: number): [number, number];
}

function viewOf(canvas: HTMLCanvasElement, m: LatentMap): MapView {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of m.points) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo || 1;
  const size = Math.min(canvas.width, canvas.height) - 2 * PAD;
  return {
    toCanvas: (x, y) => [PAD + ((x - lo) / span) * size, PAD + (1 - (y - lo) / span) * size],
    toPlane: (px, py) => [lo + ((px - PAD) / size) * span, lo + (1 - (py - PAD) / size) * span],
  };
}

export function drawLatentMap(canvas: HTMLCanvasElement, legend: HTMLElement, m: LatentMap): MapView {
  const ctx = canvas.getContext('2d')!;
  const c = chartColors();
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const view = viewOf(canvas, m);
  for (let i = 0; i < m.count; i++) {
    const [x, y] = view.toCanvas(m.points[2 * i], m.points[2 * i + 1]);
    ctx.fillStyle = c.series[(m.labels?.[i] ?? 0) % c.series.length];
    ctx.globalAlpha = 0.75;
    ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
  ctx.globalAlpha = 1;
  legend.replaceChildren(
    ...(m.labels ? m.labelNames : [l10n.t('images')]).map((name, k) => {
      const key = document.createElement('span');
      key.className = 'key dot';
      key.style.setProperty('--key-color', c.series[k % c.series.length]);
      key.textContent = name;
      return key;
    }),
  );
  return view;
}

/** The image nearest to a canvas position, within `radius` pixels. */
export function pointAt(m: LatentMap, view: MapView, px: number, py: number, radius = 6): number | null {
  let best: number | null = null;
  let bestD = radius * radius;
  for (let i = 0; i < m.count; i++) {
    const [x, y] = view.toCanvas(m.points[2 * i], m.points[2 * i + 1]);
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** mean + x·c₁ + y·c₂: the latent code at a point of the PCA plane. */
export function codeAt(m: LatentMap, x: number, y: number): Float32Array {
  return Float32Array.from(m.mean, (v, j) => v + x * m.components[0][j] + y * m.components[1][j]);
}
