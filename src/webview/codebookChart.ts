// The codebook usage histogram: one bar per code (height ∝ its assignments), and a mark under the axis for each
// dead code (no assignment), in the theme's chart colours.
import { chartColors } from './theme';

export function drawCodebookUsage(canvas: HTMLCanvasElement, counts: readonly number[]): void {
  const ctx = canvas.getContext('2d')!;
  const c = chartColors();
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const k = counts.length;
  if (k === 0) return;
  const max = Math.max(1, ...counts);
  const base = canvas.height - 10;
  const w = canvas.width / k;
  for (let i = 0; i < k; i++) {
    if (counts[i] > 0) {
      const h = Math.max(1, (counts[i] / max) * (base - 2));
      ctx.fillStyle = c.series[0];
      ctx.fillRect(i * w, base - h, Math.max(1, w - 1), h);
    } else {
      // the dead-code mark, red under the axis
      ctx.fillStyle = c.series[3];
      ctx.fillRect(i * w, base + 3, Math.max(1, w - 1), 6);
    }
  }
  ctx.strokeStyle = c.grid;
  ctx.beginPath();
  ctx.moveTo(0, base + 0.5);
  ctx.lineTo(canvas.width, base + 0.5);
  ctx.stroke();
}
