// The flow view's two scatter plots on the same axes: the points of a cloud, q_0's 1σ and 2σ ellipses (solid) and,
// after the flow, the 1σ and 2σ ellipses of the Gaussian fitted to the cloud (dashed). Theme colours only.
import { covarianceEllipse, ellipsePoint, type Covariance2, type Ellipse } from '../shared/ellipse';
import type { Cloud, FlowSamples } from './flowSamples';
import { chartColors } from './theme';

export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A square window holding both clouds and q_0's 2σ ellipse (ignoring the 0.5 % most extreme points of each side). */
export function flowBounds(s: FlowSamples): Bounds {
  const sorted = (a: ArrayLike<number>[]) => a.flatMap((v) => Array.from(v)).sort((p, q) => p - q);
  const xs = sorted([s.before.xs, s.after.xs]);
  const ys = sorted([s.before.ys, s.after.ys]);
  const cut = Math.floor(xs.length * 0.005);
  const sx = 2 * Math.sqrt(s.q0.cov.xx);
  const sy = 2 * Math.sqrt(s.q0.cov.yy);
  let x0 = Math.min(xs[cut], s.q0.mx - sx);
  let x1 = Math.max(xs[xs.length - 1 - cut], s.q0.mx + sx);
  let y0 = Math.min(ys[cut], s.q0.my - sy);
  let y1 = Math.max(ys[ys.length - 1 - cut], s.q0.my + sy);
  // the same scale on both axes, so an ellipse's shape is its true shape, with a margin
  const half = (Math.max(x1 - x0, y1 - y0) / 2) * 1.1 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  [x0, x1, y0, y1] = [cx - half, cx + half, cy - half, cy + half];
  return { x0, x1, y0, y1 };
}

function strokeEllipse(g: CanvasRenderingContext2D, e: Ellipse, toPx: (x: number, y: number) => [number, number]): void {
  g.beginPath();
  for (let i = 0; i <= 96; i++) {
    const [px, py] = toPx(...ellipsePoint(e, (2 * Math.PI * i) / 96));
    if (i === 0) g.moveTo(px, py);
    else g.lineTo(px, py);
  }
  g.stroke();
}

function ellipses(g: CanvasRenderingContext2D, cx: number, cy: number, cov: Covariance2, toPx: (x: number, y: number) => [number, number]): void {
  for (const k of [1, 2]) strokeEllipse(g, covarianceEllipse(cx, cy, cov, k), toPx);
}

/** Draws one cloud; `fitted`: also the dashed ellipses of the Gaussian fitted to it; `mark`: a point drawn as a cross. */
export function drawCloud(canvas: HTMLCanvasElement, c: Cloud, s: FlowSamples, b: Bounds, fitted: boolean, mark: [number, number] | null): void {
  const g = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  const colours = chartColors();
  const toPx = (x: number, y: number): [number, number] => [((x - b.x0) / (b.x1 - b.x0)) * w, h - ((y - b.y0) / (b.y1 - b.y0)) * h];
  g.clearRect(0, 0, w, h);
  g.strokeStyle = colours.grid || colours.foreground;
  g.lineWidth = 1;
  g.strokeRect(0.5, 0.5, w - 1, h - 1);
  g.fillStyle = colours.series[0];
  g.globalAlpha = 0.5;
  for (let i = 0; i < c.xs.length; i++) {
    const [px, py] = toPx(c.xs[i], c.ys[i]);
    g.fillRect(px - 1, py - 1, 2, 2);
  }
  g.globalAlpha = 1;
  g.lineWidth = 1.5;
  g.strokeStyle = colours.foreground;
  g.setLineDash([]);
  ellipses(g, s.q0.mx, s.q0.my, s.q0.cov, toPx);
  if (fitted) {
    g.strokeStyle = colours.series[1];
    g.setLineDash([5, 4]);
    ellipses(g, c.mx, c.my, c.cov, toPx);
    g.setLineDash([]);
  }
  if (mark) {
    const [px, py] = toPx(...mark);
    g.strokeStyle = colours.series[1];
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(px - 6, py - 6);
    g.lineTo(px + 6, py + 6);
    g.moveTo(px + 6, py - 6);
    g.lineTo(px - 6, py + 6);
    g.stroke();
  }
}
