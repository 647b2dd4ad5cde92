// A small line without axes: −ELBO per epoch in the side view, the KL weight schedule in the panel.
import { chartColors } from './theme';

/** Values as a line scaled to the canvas; `range` fixes the vertical scale (else min…max of the values). */
export function drawSparkline(canvas: HTMLCanvasElement, values: number[], range?: [number, number]): void {
  const ctx = canvas.getContext('2d')!;
  const c = chartColors();
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (values.length < 1) return;
  const lo = range ? range[0] : Math.min(...values);
  const hi = range ? range[1] : Math.max(...values);
  const x = (i: number) => (values.length === 1 ? canvas.width / 2 : 2 + (i * (canvas.width - 4)) / (values.length - 1));
  const y = (v: number) => 2 + (hi === lo ? 0.5 : (hi - v) / (hi - lo)) * (canvas.height - 4);
  ctx.strokeStyle = c.series[0];
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  values.forEach((v, i) => (i ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v))));
  ctx.stroke();
}
