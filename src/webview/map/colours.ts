// Per-point colours for the renderer and per-class figures for the legend and the table.
import { parseColour } from '../../shared/colour';
import type { LatentMap } from '../../protocol/latentMap';

/** Opacity of a point, 0–255: dense maps overplot, so points are slightly transparent. */
const POINT_ALPHA = 217;

/** RGBA bytes per point: its label's colour, alpha 0 when a class is isolated and it is not in it. */
export function pointColours(m: LatentMap, palette: string[], isolated: number | null): Uint8Array {
  const rgb = palette.map((c) => parseColour(c) ?? [128, 128, 128]);
  const out = new Uint8Array(m.count * 4);
  for (let i = 0; i < m.count; i++) {
    const label = m.labels?.[i] ?? 0;
    const [r, g, b] = rgb[label % rgb.length];
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = isolated === null || label === isolated ? POINT_ALPHA : 0;
  }
  return out;
}

/** Per class (one class "images" when unlabelled): how many images, and their mean position on the plane. */
export function classCentres(m: LatentMap, unlabelled: string): { names: string[]; counts: number[]; x: number[]; y: number[] } {
  const names = m.labels ? m.labelNames : [unlabelled];
  const counts = names.map(() => 0);
  const x = names.map(() => 0);
  const y = names.map(() => 0);
  for (let i = 0; i < m.count; i++) {
    const k = m.labels?.[i] ?? 0;
    counts[k]++;
    x[k] += m.points[2 * i];
    y[k] += m.points[2 * i + 1];
  }
  return { names, counts, x: x.map((v, k) => v / counts[k]), y: y.map((v, k) => v / counts[k]) };
}
